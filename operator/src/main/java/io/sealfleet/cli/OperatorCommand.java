package io.sealfleet.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sealfleet.controller.OperatorConfig;
import io.sealfleet.controller.SealfleetOperator;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sealfleet operator}: runs the operator against a cluster until stopped. */
@Command(name = "operator", mixinStandardHelpOptions = true,
        description = {"Runs the operator: worker pods, scheduling, status, events and /metrics. With leader "
                + "election (the default) several replicas can run; one acts, the others wait on the Lease."})
final class OperatorCommand implements Callable<Integer> {
    @Mixin
    KubeconfigOptions kube;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Watch one namespace (default: all).")
    String namespace;

    @Option(names = "--metrics-port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port of /metrics and /healthz (default ${DEFAULT-VALUE}); -1 serves none.")
    int metricsPort;

    // fallbackValue: without it picocli sets a negatable option that defaults to true to false when it is given.
    @Option(names = "--leader-election", defaultValue = "true", fallbackValue = "true", negatable = true,
            description = "Elect a leader through a Lease (default on; --no-leader-election for one replica).")
    boolean leaderElection;

    @Option(names = "--lease-namespace", paramLabel = "NS",
            description = "Namespace of the leader Lease (default: $POD_NAMESPACE, else the client's namespace).")
    String leaseNamespace;

    @Option(names = "--identity", paramLabel = "ID", description = "This replica's name in the Lease (default: $POD_NAME, else the host name).")
    String identity;

    @Option(names = "--worker-image", defaultValue = OperatorConfig.DEFAULT_WORKER_IMAGE, paramLabel = "IMAGE",
            description = "Image of worker pods that do not name one (default ${DEFAULT-VALUE}).")
    String workerImage;

    @Option(names = "--worker-service-account", paramLabel = "NAME", description = "Service account of worker pods.")
    String workerServiceAccount;

    @Option(names = "--tick", defaultValue = "5", paramLabel = "SECONDS",
            description = "Seconds between time-driven scheduling passes (default ${DEFAULT-VALUE}).")
    int tick;

    @Override
    public Integer call() throws InterruptedException {
        KubernetesClient client = CommandClients.forService(kube.kubeconfig, kube.context);
        OperatorConfig config = OperatorConfig.defaults().withNamespace(namespace).withWorkerImage(workerImage)
                .withWorkerServiceAccount(workerServiceAccount).withTick(Duration.ofSeconds(Math.max(1, tick)))
                .withMetricsPort(metricsPort < 0 ? null : metricsPort);
        if (leaderElection) {
            String leaseNs = leaseNamespace != null ? leaseNamespace : System.getenv("POD_NAMESPACE") != null
                    ? System.getenv("POD_NAMESPACE") : client.getNamespace() != null ? client.getNamespace() : "default";
            String id = identity != null ? identity : System.getenv("POD_NAME") != null ? System.getenv("POD_NAME")
                    : hostName();
            config = config.withLeaderElection(OperatorConfig.LeaderElection.of(leaseNs, id));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        SealfleetOperator operator = SealfleetOperator.create(client, config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            operator.close();
            client.close();
            stopped.countDown();
        }, "sealfleet-shutdown"));
        operator.start();
        System.err.println("sealfleet operator: running" + (operator.metricsPort() > 0 ? "; metrics on :" + operator.metricsPort() : ""));
        stopped.await();
        return 0;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "sealfleet-operator";
        }
    }
}
