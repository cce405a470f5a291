package io.sealfleet.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SectorTask;
import io.sealfleet.controller.Clients;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sealfleet workers}: the lotus-miner sealing workers view of a live cluster. */
@Command(name = "workers", mixinStandardHelpOptions = true,
        description = {"Prints each SealingWorker as lotus-miner sealing workers does: host, TASK counters",
                "(PC1(1/4) AP(15/15) GET(3)), and CPU, RAM, VMEM and GPU use of its running tasks."})
final class WorkersCommand implements Callable<Integer> {
    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig file. Default: in-cluster config, then $KUBECONFIG or ~/.kube/config.")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context.")
    String context;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Namespace (default: the context's).")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "Workers of every namespace.")
    boolean all;

    @Override
    public Integer call() {
        try (KubernetesClient client = Clients.connect(kubeconfig, context)) {
            String ns = namespace != null ? namespace : client.getNamespace() != null ? client.getNamespace() : "default";
            List<SealingWorker> workers = all ? client.resources(SealingWorker.class).inAnyNamespace().list().getItems()
                    : client.resources(SealingWorker.class).inNamespace(ns).list().getItems();
            List<SectorTask> tasks = all ? client.resources(SectorTask.class).inAnyNamespace().list().getItems()
                    : client.resources(SectorTask.class).inNamespace(ns).list().getItems();
            System.out.print(WorkersView.render(WorkersView.rows(workers, tasks)));
            return 0;
        } catch (IOException | KubernetesClientException e) {
            System.err.println("sealfleet workers: " + e.getMessage());
            return 1;
        }
    }
}
