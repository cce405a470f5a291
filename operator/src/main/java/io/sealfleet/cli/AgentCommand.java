package io.sealfleet.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sealfleet.agent.Agent;
import io.sealfleet.agent.AgentConfig;
import io.sealfleet.controller.WorkerPods;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sealfleet agent}: the worker agent, in a worker pod or as a local process. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Runs a SealingWorker's agent: renews its Lease, reports its storage, serves its sector files "
                + "to other workers and runs the tasks bound to it with the native sealer.",
                "In a worker pod every option comes from the environment the operator sets."})
final class AgentCommand implements Callable<Integer> {
    @Option(names = "--worker", defaultValue = "${env:SEALFLEET_WORKER}", paramLabel = "NAME", description = "SealingWorker name.")
    String worker;

    @Option(names = "--namespace", defaultValue = "${env:SEALFLEET_NAMESPACE:-default}", paramLabel = "NS")
    String namespace;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig; default: in-cluster, then $KUBECONFIG.")
    Path kubeconfig;

    @Option(names = "--storage-root", defaultValue = WorkerPods.STORAGE_ROOT, paramLabel = "DIR",
            description = "Where the storage paths are, one directory per path ID (default: ${DEFAULT-VALUE}).")
    Path storageRoot;

    @Option(names = "--sealer", defaultValue = "${env:SEALFLEET_SEALER:-sealer}", paramLabel = "FILE",
            description = "The native sealer binary (default: ${DEFAULT-VALUE}).")
    Path sealer;

    @Option(names = "--advertise", defaultValue = "${env:POD_IP:-127.0.0.1}", paramLabel = "ADDRESS",
            description = "Address other agents reach this one at; the transfer server listens on it.")
    String advertise;

    @Option(names = "--transfer-port", defaultValue = "7070", paramLabel = "PORT", description = "0 picks a free port.")
    int transferPort;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the transfer bearer token; default: $SEALFLEET_TRANSFER_TOKEN.")
    Path tokenFile;

    @Option(names = "--parent-cache", defaultValue = "${env:FIL_PROOFS_PARENT_CACHE}", paramLabel = "DIR",
            description = "SDR parent cache directory for the kernels; default: $FIL_PROOFS_PARENT_CACHE.")
    Path parentCache;

    @Option(names = "--parameter-cache", defaultValue = "${env:FIL_PROOFS_PARAMETER_CACHE}", paramLabel = "DIR",
            description = "Proof parameter directory for the kernels and the prover; default: $FIL_PROOFS_PARAMETER_CACHE.")
    Path parameterCache;

    @Option(names = "--min-open-files", defaultValue = "1048576", paramLabel = "N",
            description = "Open-files limit sealing needs (lotus-worker's ulimit -n 1048576); below it the worker takes no task.")
    long minOpenFiles;

    @Option(names = "--pod-name", defaultValue = "${env:POD_NAME}", paramLabel = "NAME")
    String podName;

    @Option(names = "--tick-ms", defaultValue = "1000", paramLabel = "MS", description = "How often tasks are looked at.")
    long tickMillis;

    @Override
    public Integer call() throws Exception {
        if (worker == null || worker.isBlank()) {
            throw CliFailure.badInput("--worker (or $SEALFLEET_WORKER) names the SealingWorker; it is missing");
        }
        String token = TransferTokenSource.require(tokenFile);
        String pod = podName == null || podName.isBlank() ? "local-" + worker : podName;
        AgentConfig cfg = new AgentConfig(worker, namespace, pod, AgentConfig.leaseName(worker), storageRoot, sealer, advertise,
                transferPort, token, parentCache, parameterCache, minOpenFiles, Duration.ofMillis(tickMillis));
        KubernetesClient client = CommandClients.forService(kubeconfig, null);
        Agent agent = new Agent(client, cfg, Clock.systemUTC());
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.kill();
            done.countDown();
        }));
        agent.start();
        System.err.println("sealfleet agent: worker " + worker + " in " + namespace + ", transfers on " + advertise + ":"
                + transferPort);
        done.await();
        return 0;
    }
}
