package io.sealfleet.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SectorTask;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sealfleet workers}: the lotus-miner sealing workers view of a live cluster. */
@Command(name = "workers", mixinStandardHelpOptions = true,
        description = {"Prints each SealingWorker as `lotus-miner sealing workers` does: host, TASK counters "
                + "(PC1(1/4) AP(15/15) GET(3), with the sector size where a worker runs several: PC1 32G(1/4)), "
                + "and the CPU, RAM, VMEM and GPU its running tasks hold.",
                "With --watch it repaints every --interval seconds until interrupted (Ctrl-C)."})
final class WorkersCommand implements Callable<Integer> {
    @Mixin
    KubeconfigOptions kube;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Namespace (default: the context's).")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "Workers of every namespace.")
    boolean all;

    @Option(names = {"-w", "--watch"}, description = "Keep the view on screen, repainted as it changes.")
    boolean watch;

    @Option(names = "--interval", defaultValue = "2", paramLabel = "SECONDS",
            description = "Seconds between repaints with --watch (default ${DEFAULT-VALUE}).")
    int interval;

    @Override
    public Integer call() throws InterruptedException {
        if (interval < 1) {
            throw CliFailure.badInput("--interval " + interval + ": write a whole number of seconds, 1 or more");
        }
        try (KubernetesClient client = CommandClients.connect(kube.kubeconfig, kube.context)) {
            String ns = namespace != null ? namespace : client.getNamespace() != null ? client.getNamespace() : "default";
            if (!watch) {
                System.out.print(view(client, ns));
                return ExitCodes.OK;
            }
            new WorkersWatch(System.out, System.console() != null, Duration.ofSeconds(interval))
                    .run(() -> view(client, ns), Long.MAX_VALUE);
            return ExitCodes.OK;
        }
    }

    private String view(KubernetesClient client, String ns) {
        try {
            List<SealingWorker> workers = all ? client.resources(SealingWorker.class).inAnyNamespace().list().getItems()
                    : client.resources(SealingWorker.class).inNamespace(ns).list().getItems();
            List<SectorTask> tasks = all ? client.resources(SectorTask.class).inAnyNamespace().list().getItems()
                    : client.resources(SectorTask.class).inNamespace(ns).list().getItems();
            if (workers.isEmpty()) {
                return "No SealingWorkers in " + (all ? "any namespace" : "namespace " + ns) + ".\n";
            }
            return WorkersView.render(WorkersView.rows(workers, tasks));
        } catch (KubernetesClientException e) {
            throw ClusterErrors.describe(e, "list SealingWorkers and SectorTasks", client.getMasterUrl().toString());
        }
    }
}
