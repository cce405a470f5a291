package io.sealfleet.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chart as real Helm renders it (helm-java bundles Helm's library): {@code helm template} of
 * charts/sealfleet as release "sealfleet" in namespace "sealfleet", parsed into one JSON tree per document.
 * Renders are cached by their inputs, so the suite renders each combination once.
 */
public final class ChartFixture {
    static final String RELEASE = "sealfleet";
    public static final String NAMESPACE = "sealfleet";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();
    private static final KubernetesMockServer API = startApi();

    /**
     * An API server for Helm's {@code lookup}, which helm-java's template runs against a cluster (helm's CLI
     * would not): it answers discovery for v1 and 404 to everything else, as a cluster without the
     * transfer-token Secret does. Surefire points KUBECONFIG at the file written here.
     */
    private static KubernetesMockServer startApi() {
        KubernetesMockServer server = new KubernetesMockServer(false);
        server.init();
        // Discovery as a real API server answers it (no apiVersion field, which Go's decoder would trip on).
        server.expect().get().withPath("/api/v1").andReturn(200, "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\","
                + "\"resources\":[{\"name\":\"secrets\",\"singularName\":\"secret\",\"namespaced\":true,"
                + "\"kind\":\"Secret\",\"verbs\":[\"get\",\"list\"]}]}")
                .withHeader("Content-Type", "application/json").always();
        String kubeconfig = System.getenv("KUBECONFIG");
        if (kubeconfig == null) {
            throw new IllegalStateException("KUBECONFIG is not set; run the chart tests through Maven (surefire sets it)");
        }
        String url = "http://" + server.getHostName() + ":" + server.getPort();
        try {
            Files.createDirectories(Path.of(kubeconfig).toAbsolutePath().getParent());
            Files.writeString(Path.of(kubeconfig), String.join("\n", "apiVersion: v1", "kind: Config",
                    "clusters: [{name: mock, cluster: {server: '" + url + "'}}]",
                    "users: [{name: mock, user: {token: mock}}]",
                    "contexts: [{name: mock, context: {cluster: mock, user: mock}}]",
                    "current-context: mock", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
        return server;
    }

    private ChartFixture() {
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("sealfleet.repo.root", "..")).toAbsolutePath().normalize();
    }

    static Path chartDir() {
        return repoRoot().resolve("charts/sealfleet");
    }

    /** A cluster of a supported version (Helm's default, 1.20, is older than the chart's kubeVersion). */
    static final String KUBE_VERSION = "v1.30.0";

    private static TemplateCommand template() {
        if (API == null) {
            throw new IllegalStateException("no mock API server");
        }
        return new Helm(chartDir()).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
    }

    /** Renders with the chart's values plus {@code sets} (helm's --set), optionally a values file first. */
    static Rendered render(Path valuesFile, Map<String, Object> sets) {
        String key = valuesFile + "|" + new java.util.TreeMap<>(sets);
        return CACHE.computeIfAbsent(key, k -> {
            TemplateCommand t = template();
            if (valuesFile != null) {
                t = t.withValuesFile(valuesFile);
            }
            for (Map.Entry<String, Object> e : sets.entrySet()) {
                t = t.set(e.getKey(), e.getValue());
            }
            return new Rendered(t.call());
        });
    }

    public static Rendered render(Map<String, Object> sets) {
        return render(null, sets);
    }

    static Rendered defaults() {
        return render(Map.of());
    }

    /** Renders and returns Helm's error message (the render is expected to fail). */
    static String renderError(Map<String, Object> sets) {
        try {
            TemplateCommand t = template();
            for (Map.Entry<String, Object> e : sets.entrySet()) {
                t = t.set(e.getKey(), e.getValue());
            }
            t.call();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("helm template accepted " + sets);
    }

    static String renderErrorWithValues(Path valuesFile) {
        try {
            template().withValuesFile(valuesFile).call();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("helm template accepted " + valuesFile);
    }

    /** The documents of one render. */
    public static final class Rendered {
        final String text;
        public final List<ObjectNode> objects = new ArrayList<>();

        Rendered(String text) {
            this.text = text;
            try (YAMLParser p = new YAMLFactory().createParser(text)) {
                for (JsonNode doc : YAML.readValues(p, JsonNode.class).readAll()) {
                    if (doc != null && doc.isObject() && !doc.isEmpty()) {
                        objects.add((ObjectNode) doc);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("helm template output is not YAML", e);
            }
        }

        public List<ObjectNode> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
        }

        Optional<ObjectNode> find(String kind, String name) {
            return ofKind(kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
        }

        ObjectNode get(String kind, String name) {
            return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered; kinds: "
                    + kinds()));
        }

        Map<String, Integer> kinds() {
            Map<String, Integer> n = new LinkedHashMap<>();
            objects.forEach(o -> n.merge(o.path("kind").asText(), 1, Integer::sum));
            return n;
        }
    }
}
