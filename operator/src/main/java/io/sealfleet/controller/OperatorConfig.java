package io.sealfleet.controller;

import java.time.Clock;
import java.time.Duration;

/**
 * How an operator instance runs.
 *
 * @param namespace            the namespace it watches; null watches all
 * @param workerImage          image of worker pods whose spec.image is not set
 * @param workerServiceAccount service account of worker pods (their agent renews a Lease and writes
 *                             status), or null for the namespace default
 * @param tick                 the periodic scheduling pass (time-driven changes: retry backoff, heartbeat
 *                             expiry), besides the passes every change triggers
 * @param clock                the time the loop judges leases, backoff and ages by (tests move it)
 * @param leaderElection       null runs without leader election (one replica)
 * @param metricsPort          port of the /metrics endpoint; null serves none (0: any free port)
 */
public record OperatorConfig(String namespace, String workerImage, String workerServiceAccount, Duration tick, Clock clock,
                             LeaderElection leaderElection, Integer metricsPort) {
    public static final String DEFAULT_WORKER_IMAGE = "ghcr.io/sealfleet/worker:latest";

    /** A Lease named {@code leaseName} in {@code leaseNamespace} decides which replica acts. */
    public record LeaderElection(String leaseName, String leaseNamespace, String identity, Duration leaseDuration,
                                 Duration renewDeadline, Duration retryPeriod, boolean exitOnStopLeading) {
        public static LeaderElection of(String leaseNamespace, String identity) {
            return new LeaderElection("sealfleet-operator", leaseNamespace, identity, Duration.ofSeconds(15),
                    Duration.ofSeconds(10), Duration.ofSeconds(2), true);
        }
    }

    public static OperatorConfig defaults() {
        return new OperatorConfig(null, DEFAULT_WORKER_IMAGE, null, Duration.ofSeconds(5), Clock.systemUTC(), null, null);
    }

    public OperatorConfig withNamespace(String ns) {
        return new OperatorConfig(ns, workerImage, workerServiceAccount, tick, clock, leaderElection, metricsPort);
    }

    public OperatorConfig withWorkerImage(String image) {
        return new OperatorConfig(namespace, image, workerServiceAccount, tick, clock, leaderElection, metricsPort);
    }

    public OperatorConfig withWorkerServiceAccount(String sa) {
        return new OperatorConfig(namespace, workerImage, sa, tick, clock, leaderElection, metricsPort);
    }

    public OperatorConfig withTick(Duration t) {
        return new OperatorConfig(namespace, workerImage, workerServiceAccount, t, clock, leaderElection, metricsPort);
    }

    public OperatorConfig withClock(Clock c) {
        return new OperatorConfig(namespace, workerImage, workerServiceAccount, tick, c, leaderElection, metricsPort);
    }

    public OperatorConfig withLeaderElection(LeaderElection le) {
        return new OperatorConfig(namespace, workerImage, workerServiceAccount, tick, clock, le, metricsPort);
    }

    public OperatorConfig withMetricsPort(Integer port) {
        return new OperatorConfig(namespace, workerImage, workerServiceAccount, tick, clock, leaderElection, port);
    }
}
