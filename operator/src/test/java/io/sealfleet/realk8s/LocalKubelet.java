package io.sealfleet.realk8s;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.sealfleet.cli.Main;
import io.sealfleet.controller.WorkerPods;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kubelet's part on a cluster without one, as the demo's launcher plays it: each worker pod the
 * operator creates in the namespace is bound to node {@code localhost} (the Binding subresource, as the
 * scheduler does), its worker's agent starts as a local {@code sealfleet agent} process with storage under
 * {@code dir}, and the pod's status says Running on 127.0.0.1 (the status subresource, as the kubelet
 * writes it). A deleted pod's agent is killed. Agents can be killed and restarted on demand.
 */
final class LocalKubelet implements AutoCloseable {
    private final KubernetesClient client;
    private final String namespace;
    private final Path dir;
    private final Path kubeconfig;
    private final Map<String, Process> agents = new ConcurrentHashMap<>();
    private final Map<String, String> podOfWorker = new ConcurrentHashMap<>();
    private Watch watch;

    /** {@code kubeconfig} is what the agents connect with (the admin's, or a ServiceAccount token's). */
    LocalKubelet(KubernetesClient client, String namespace, Path dir, Path kubeconfig) {
        this.client = client;
        this.namespace = namespace;
        this.dir = dir;
        this.kubeconfig = kubeconfig;
    }

    LocalKubelet start() {
        // From the list's resourceVersion: a watch without one needs etcd progress notifications, which etcd 3.4 lacks.
        String from = client.pods().inNamespace(namespace).list().getMetadata().getResourceVersion();
        watch = client.pods().inNamespace(namespace).withLabelSelector(WorkerPods.SELECTOR).withResourceVersion(from)
                .watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                try {
                    if (action == Action.DELETED) {
                        stop(pod.getMetadata().getName());
                    } else if (pod.getMetadata().getDeletionTimestamp() != null) {
                        // A bound pod is only marked for deletion; its kubelet removes it once the containers stopped.
                        stop(pod.getMetadata().getName());
                        client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).withGracePeriod(0).delete();
                    } else {
                        launch(pod);
                    }
                } catch (RuntimeException e) {
                    System.out.println("local kubelet: pod " + pod.getMetadata().getName() + ": " + e);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                // Closed with the kubelet.
            }
        });
        return this;
    }

    private synchronized void launch(Pod pod) {
        String name = pod.getMetadata().getName();
        if (agents.containsKey(name)) {
            return;
        }
        String worker = pod.getMetadata().getOwnerReferences().get(0).getName();
        if (pod.getSpec().getNodeName() == null) {
            client.bindings().inNamespace(namespace).resource(new BindingBuilder().withNewMetadata().withName(name).endMetadata()
                    .withNewTarget().withKind("Node").withName("localhost").endTarget().build()).create();
        }
        podOfWorker.put(worker, name);
        agents.put(name, startAgent(worker, name));
        client.pods().inNamespace(namespace).withName(name).editStatus(p -> {
            p.setStatus(new PodStatusBuilder().withPhase("Running").withPodIP("127.0.0.1")
                    .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build()).build());
            return p;
        });
    }

    private Process startAgent(String worker, String pod) {
        try {
            Files.createDirectories(dir);
            Path token = dir.resolve("transfer-token");
            Files.writeString(token, transferToken(), StandardCharsets.UTF_8);
            Path log = dir.resolve("agents").resolve(worker + ".log");
            Files.createDirectories(log.getParent());
            List<String> cmd = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"), "-Xmx192m", "-XX:TieredStopAtLevel=1",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "agent",
                    "--worker", worker, "--namespace", namespace, "--kubeconfig", kubeconfig.toString(),
                    "--storage-root", dir.resolve("storage").resolve(worker).toString(),
                    "--sealer", RealCluster.SEALER.toString(),
                    "--advertise", "127.0.0.1", "--transfer-port", "0", "--token-file", token.toString(),
                    "--parent-cache", dir.resolve("parent-cache").toString(), "--pod-name", pod, "--tick-ms", "300",
                    // A test host's open-files limit is far below a sealing node's; the agent's own check is pinned elsewhere.
                    "--min-open-files", "1024"));
            return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the agent of " + worker, e);
        }
    }

    private String transferToken() {
        for (int i = 0; i < 100; i++) {
            Secret s = client.secrets().inNamespace(namespace).withName("sealfleet-transfer-token").get();
            if (s != null && s.getData() != null && s.getData().get("token") != null) {
                return new String(Base64.getDecoder().decode(s.getData().get("token")), StandardCharsets.UTF_8);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("the operator created no transfer-token Secret in " + namespace);
    }

    /** Kills the worker's agent (and the kernels it runs) as a crash would: SIGKILL, nothing cleaned up. */
    void kill(String worker) {
        String pod = podOfWorker.get(worker);
        Process p = pod == null ? null : agents.get(pod);
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the worker's agent again in its pod, as a container restart does. */
    synchronized void restart(String worker) {
        String pod = podOfWorker.get(worker);
        agents.put(pod, startAgent(worker, pod));
    }

    /** The processes of the worker's agent and its kernels, now. */
    List<ProcessHandle> processes(String worker) {
        String pod = podOfWorker.get(worker);
        Process p = pod == null ? null : agents.get(pod);
        List<ProcessHandle> out = new ArrayList<>();
        if (p != null && p.isAlive()) {
            out.add(p.toHandle());
            p.descendants().forEach(out::add);
        }
        return out;
    }

    private void stop(String pod) {
        Process p = agents.remove(pod);
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
        new ArrayList<>(agents.keySet()).forEach(this::stop);
    }
}
