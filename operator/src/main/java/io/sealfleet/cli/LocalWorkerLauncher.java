package io.sealfleet.cli;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.sealfleet.controller.WorkerPods;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays the kubelet for the demo: for every worker pod the operator creates, it starts that
 * worker's agent as a local process ({@code sealfleet agent}) with its storage under a local
 * directory, and marks the pod Running on {@code 127.0.0.1}.
 */
final class LocalWorkerLauncher implements AutoCloseable {
    private final KubernetesClient client;
    private final Path dir;
    private final Path kubeconfig;
    private final Path sealer;
    private final Map<String, Process> agents = new ConcurrentHashMap<>();
    private Watch watch;
    private boolean closed;

    LocalWorkerLauncher(KubernetesClient client, Path dir, Path kubeconfig, Path sealer) {
        this.client = client;
        this.dir = dir;
        this.kubeconfig = kubeconfig;
        this.sealer = sealer;
    }

    LocalWorkerLauncher start() {
        watch = client.pods().inAnyNamespace().withLabelSelector(WorkerPods.SELECTOR).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if (action == Action.ADDED || action == Action.MODIFIED) {
                    launch(pod);
                } else if (action == Action.DELETED) {
                    stop(pod.getMetadata().getName());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                // The demo is ending.
            }
        });
        return this;
    }

    private synchronized void launch(Pod pod) {
        String name = pod.getMetadata().getName();
        if (closed || agents.containsKey(name) || pod.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        String ns = pod.getMetadata().getNamespace();
        String worker = pod.getMetadata().getOwnerReferences().get(0).getName();
        try {
            Path token = dir.resolve("transfer-token");
            Files.writeString(token, transferToken(ns), StandardCharsets.UTF_8);
            Path log = dir.resolve("agents").resolve(worker + ".log");
            Files.createDirectories(log.getParent());
            List<String> cmd = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "agent",
                    "--worker", worker, "--namespace", ns, "--kubeconfig", kubeconfig.toString(),
                    "--storage-root", dir.resolve("storage").toString(), "--sealer", sealer.toString(),
                    "--advertise", "127.0.0.1", "--transfer-port", "0", "--token-file", token.toString(),
                    "--parent-cache", dir.resolve("parent-cache").toString(),
                    "--parameter-cache", dir.resolve("parameter-cache").toString(),
                    // The demo's 2 KiB and 8 MiB sectors open a handful of files; a developer machine's
                    // default limit must not stop it. Real workers keep lotus-worker's 1048576.
                    "--min-open-files", "1024", "--pod-name", name, "--tick-ms", "500"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            agents.put(name, p);
            markRunning(pod);
        } catch (IOException | RuntimeException e) {
            System.err.println("sealfleet demo: cannot start the agent of " + worker + ": " + e.getMessage());
        }
    }

    private String transferToken(String ns) {
        for (int i = 0; i < 50; i++) {
            Secret s = client.secrets().inNamespace(ns).withName("sealfleet-transfer-token").get();
            if (s != null && s.getData() != null && s.getData().get("token") != null) {
                return new String(Base64.getDecoder().decode(s.getData().get("token")), StandardCharsets.UTF_8);
            }
            if (s != null && s.getStringData() != null && s.getStringData().get("token") != null) {
                return s.getStringData().get("token");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("the operator created no transfer-token Secret in " + ns);
    }

    private void markRunning(Pod pod) {
        PodCondition ready = new PodConditionBuilder().withType("Ready").withStatus("True").build();
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).edit(p -> {
            p.getSpec().setNodeName("localhost");
            p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running").withPodIP("127.0.0.1")
                    .withConditions(ready).build());
            return p;
        });
    }

    private void stop(String pod) {
        Process p = agents.remove(pod);
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** Stops every agent and its sealer processes; safe to call twice (the demo's shutdown hook does). */
    @Override
    public synchronized void close() {
        closed = true;
        if (watch != null) {
            watch.close();
        }
        new ArrayList<>(agents.keySet()).forEach(this::stop);
    }
}
