package io.sealfleet.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sealfleet.metrics.MetricsServer;
import io.sealfleet.metrics.OperatorMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way to build the operator, used by {@code sealfleet operator}, the tests and the demo: one
 * client on the given connection, one Prometheus registry per instance, the scheduling loop (the
 * operator's one reconcile engine, which also makes the worker pods), and optionally leader election
 * (Fabric8's elector on a Lease; only the leader runs the loop) and the /metrics endpoint.
 */
public final class SealfleetOperator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SealfleetOperator.class);

    private final KubernetesClient client;
    private final OperatorConfig config;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SchedulingLoop loop;
    /** The running election while leader election is on, else null. */
    private CompletableFuture<?> election;
    private MetricsServer metricsServer;
    /** Set when this operator is being stopped: the Lease it gives up then is not a lost one. */
    private volatile boolean closing;

    private SealfleetOperator(KubernetesClient given, OperatorConfig config) {
        this.config = config;
        this.client = tolerant(given);
        EventRecorder events = new EventRecorder(client, config.clock());
        OperatorMetrics metrics = new OperatorMetrics(registry);
        this.loop = new SchedulingLoop(client, config, metrics, events);
    }

    public static SealfleetOperator create(KubernetesClient client, OperatorConfig config) {
        return new SealfleetOperator(client, config);
    }

    /** The operator's own client on the same connection (see {@link Clients#tolerant}). */
    private static KubernetesClient tolerant(KubernetesClient given) {
        return Clients.tolerant(given.getConfiguration());
    }

    public SealfleetOperator start() {
        if (config.metricsPort() != null) {
            try {
                metricsServer = new MetricsServer(registry, config.metricsPort());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serve /metrics on port " + config.metricsPort(), e);
            }
        }
        if (config.leaderElection() == null) {
            loop.start();
        } else {
            election = client.leaderElector().withConfig(electionConfig(config.leaderElection())).build().start();
        }
        return this;
    }

    private LeaderElectionConfig electionConfig(OperatorConfig.LeaderElection le) {
        // Released on a clean stop, so the other replica takes over at once instead of after the lease time.
        return new LeaderElectionConfigBuilder().withName(le.leaseName())
                .withLock(new LeaseLock(le.leaseNamespace(), le.leaseName(), le.identity()))
                .withLeaseDuration(le.leaseDuration()).withRenewDeadline(le.renewDeadline()).withRetryPeriod(le.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::startLeading, this::stopLeading,
                        leader -> LOG.info("leader is now {}", leader)))
                .build();
    }

    private void startLeading() {
        LOG.info("leading: starting the scheduling loop");
        loop.start();
    }

    private void stopLeading() {
        LOG.info("no longer leading: stopping the scheduling loop");
        loop.close();
        if (config.leaderElection().exitOnStopLeading() && !closing) {
            // A replica that lost its Lease exits so that it never acts beside the new leader; from a thread of
            // its own, because System.exit waits for the shutdown hook, which stops the elector's threads.
            LOG.error("lost the leader Lease: exiting");
            Thread exit = new Thread(() -> System.exit(1), "sealfleet-exit");
            exit.start();
        }
    }

    public SchedulingLoop loop() {
        return loop;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The port /metrics listens on, or -1 when it is not served. */
    public int metricsPort() {
        return metricsServer == null ? -1 : metricsServer.port();
    }

    @Override
    public void close() {
        closing = true;
        try {
            if (election != null) {
                election.cancel(true);
            }
            loop.close();
        } finally {
            if (metricsServer != null) {
                metricsServer.close();
            }
            client.close();
        }
    }
}
