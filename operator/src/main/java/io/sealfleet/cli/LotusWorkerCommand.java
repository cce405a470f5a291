package io.sealfleet.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sealfleet.lotus.BridgeConfig;
import io.sealfleet.lotus.LotusBridge;
import io.sealfleet.lotus.MinerApiInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sealfleet lotus-worker}: the fleet as one lotus-worker of a lotus-miner. */
@Command(name = "lotus-worker", mixinStandardHelpOptions = true,
        description = {"Registers the fleet (the SealingWorkers of one namespace) with a lotus-miner as one lotus-worker.",
                "It announces the fleet's storage, serves the worker API, runs each sealing call as a SectorTask and "
                        + "sends its result back.",
                "Configured like lotus-worker: MINER_API_INFO, LOTUS_WORKER_NAME (docs/lotus.md)."})
final class LotusWorkerCommand implements Callable<Integer> {
    @Option(names = "--miner-api-info", defaultValue = "${env:MINER_API_INFO}", paramLabel = "TOKEN:MULTIADDR",
            description = "The miner's API info, from `lotus-miner auth api-info --perm admin` (default: $MINER_API_INFO).")
    String minerApiInfo;

    @Option(names = "--name", defaultValue = "${env:LOTUS_WORKER_NAME:-sealfleet}", paramLabel = "NAME",
            description = "Worker name the miner shows in `sealing workers` (default: $LOTUS_WORKER_NAME or ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--namespace", defaultValue = "${env:SEALFLEET_NAMESPACE:-default}", paramLabel = "NS",
            description = "Namespace of the fleet's SealingWorkers and of the SectorTasks the bridge creates.")
    String namespace;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig; default: in-cluster, then $KUBECONFIG.")
    Path kubeconfig;

    @Option(names = "--listen", defaultValue = "0.0.0.0:3456", paramLabel = "HOST:PORT",
            description = "Where the worker API, /remote/ and the piece uploads are served (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--advertise", defaultValue = "${env:POD_IP}", paramLabel = "ADDRESS", required = true,
            description = "Address the miner and the fleet's agents reach the bridge at (default: $POD_IP).")
    String advertise;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the fleet's transfer token; default: $SEALFLEET_TRANSFER_TOKEN.")
    Path tokenFile;

    @Option(names = "--data-dir", defaultValue = "/var/lib/sealfleet-lotus", paramLabel = "DIR",
            description = "Where pushed piece data waits for the fleet's AddPiece (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        MinerApiInfo api;
        try {
            api = MinerApiInfo.parse(minerApiInfo);
        } catch (IllegalArgumentException e) {
            throw CliFailure.badInput(e.getMessage());
        }
        String[] hostPort = listen.split(":(?=\\d+$)");
        if (hostPort.length != 2) {
            throw CliFailure.badInput("--listen '" + listen + "' is not HOST:PORT, e.g. 0.0.0.0:3456");
        }
        String token = TransferTokenSource.require(tokenFile);
        BridgeConfig cfg = new BridgeConfig(name, namespace, api, hostPort[0], Integer.parseInt(hostPort[1]), advertise, token,
                dataDir, Duration.ofSeconds(10), Duration.ofSeconds(1));
        KubernetesClient client = CommandClients.forService(kubeconfig, null);
        LotusBridge bridge = new LotusBridge(client, cfg);
        try {
            bridge.start(Duration.ofMinutes(10));
        } catch (IOException e) {
            System.err.println("sealfleet lotus-worker: " + e.getMessage());
            bridge.close();
            return 1;
        }
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bridge.close();
            done.countDown();
        }));
        System.err.println("sealfleet lotus-worker: worker " + name + " (session " + bridge.session() + ") for the fleet in "
                + namespace + ", serving " + bridge.rpcUrl());
        done.await();
        return 0;
    }
}
