package io.sealfleet.cli;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.sealfleet.controller.Clients;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;

/**
 * An in-process Kubernetes API (Fabric8's mock server in CRUD mode) with sealfleet's CRDs
 * installed and kubectl's discovery and table printing answered ({@link KubectlDispatcher}), and a
 * kubeconfig for it so {@code sealfleet workers} and {@code kubectl} can talk to it. Nothing runs pods here: the demo's launcher plays the kubelet.
 */
final class EmbeddedCluster implements AutoCloseable {
    private static final List<String> CRDS = List.of("sealingworkers", "sectortasks", "storagegroups");
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    EmbeddedCluster() throws IOException {
        KubectlDispatcher dispatcher = new KubectlDispatcher(Instant::now);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = Clients.tolerant(server.createClient().getConfiguration());
        for (String plural : CRDS) {
            String resource = "META-INF/fabric8/" + plural + ".sealing.sealfleet.io-v1.yml";
            try (InputStream in = EmbeddedCluster.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("the jar lacks " + resource + "; rebuild it with mvn package");
                }
                CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
                client.resource(crd).create();
                dispatcher.register(crd);
            }
        }
    }

    KubernetesClient client() {
        return client;
    }

    String url() {
        return client.getConfiguration().getMasterUrl();
    }

    /** A kubeconfig for the embedded API (plain HTTP on loopback, no credentials). */
    void writeKubeconfig(Path file) throws IOException {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: sealfleet-demo
                  cluster: {server: "%s"}
                users:
                - name: demo
                  user: {}
                contexts:
                - name: sealfleet-demo
                  context: {cluster: sealfleet-demo, user: demo, namespace: default}
                current-context: sealfleet-demo
                """.formatted(url().replaceAll("/$", ""));
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
