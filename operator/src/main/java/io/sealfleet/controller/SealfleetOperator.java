package io.sealfleet.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sealfleet.metrics.MetricsServer;
import io.sealfleet.metrics.OperatorMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way to build the operator, used by {@code sealfleet operator}, the tests and the demo: the
 * Java Operator SDK with the settings that work on a real API server and on the Fabric8 mock alike (no
 * server-side apply anywhere), one Prometheus registry per instance, the scheduling loop, and
 * optionally leader election and the /metrics endpoint.
 */
public final class SealfleetOperator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SealfleetOperator.class);

    private final KubernetesClient client;
    private final OperatorConfig config;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SchedulingLoop loop;
    private final Operator operator;
    private MetricsServer metricsServer;
    /** Set when this operator is being stopped: the Lease it gives up then is not a lost one. */
    private volatile boolean closing;

    private SealfleetOperator(KubernetesClient given, OperatorConfig config) {
        this.config = config;
        this.client = tolerant(given);
        EventRecorder events = new EventRecorder(client, config.clock());
        OperatorMetrics metrics = new OperatorMetrics(registry);
        this.loop = new SchedulingLoop(client, config, metrics, events);
        this.operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withCloseClientOnStop(false)
                    .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
            if (config.leaderElection() != null) {
                OperatorConfig.LeaderElection le = config.leaderElection();
                // The SDK's own exit would call System.exit on the thread that stops the elector, which is the
                // shutdown hook's on SIGTERM: the JVM would wait for that hook forever. stopLeading exits instead.
                o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(le.leaseName(), le.leaseNamespace(),
                        le.leaseDuration(), le.renewDeadline(), le.retryPeriod(), le.identity(),
                        new LeaderCallbacks(this::startLeading, this::stopLeading,
                                leader -> LOG.info("leader is now {}", leader)), false));
            }
        });
        SealingWorkerReconciler workers = new SealingWorkerReconciler(client, loop, config, events);
        operator.register(workers, o -> {
            if (config.namespace() != null) {
                o.settingNamespace(config.namespace());
            }
        });
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
        operator.start();
        if (config.leaderElection() == null) {
            loop.start();
        }
        return this;
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

    public Operator operator() {
        return operator;
    }

    /** The port /metrics listens on, or -1 when it is not served. */
    public int metricsPort() {
        return metricsServer == null ? -1 : metricsServer.port();
    }

    @Override
    public void close() {
        closing = true;
        loop.close();
        try {
            operator.stop();
        } finally {
            if (metricsServer != null) {
                metricsServer.close();
            }
            client.close();
        }
    }
}
