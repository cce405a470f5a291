package io.sealfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo's API server as {@code kubectl} expects one: besides Fabric8's CRUD storage it answers API
 * discovery (/api, /apis, the resource lists with short names and categories, so {@code kubectl get st}
 * and {@code kubectl get sealing} resolve) and, when kubectl asks for a Table, renders the CRD's printer
 * columns on the server side as the real API server does.
 */
final class KubectlDispatcher extends KubernetesCrudDispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> VERBS = List.of("create", "delete", "get", "list", "patch", "update", "watch");
    /** The core resources the demo uses, enough for kubectl get pods/secrets/events. */
    private static final List<String[]> CORE = List.of(new String[] {"pods", "pod", "Pod", "po"},
            new String[] {"secrets", "secret", "Secret", null}, new String[] {"events", "event", "Event", "ev"},
            new String[] {"configmaps", "configmap", "ConfigMap", "cm"});

    private final Map<String, CustomResourceDefinition> crds = new ConcurrentHashMap<>();
    private final Clock clock;

    /** Now, for the AGE column; tests fix it. */
    interface Clock {
        Instant now();
    }

    KubectlDispatcher(Clock clock) {
        this.clock = clock;
    }

    /** Makes the CRD's kind discoverable and its columns printable. */
    void register(CustomResourceDefinition crd) {
        crds.put(crd.getSpec().getNames().getPlural(), crd);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return super.dispatch(request);
        }
        String path = request.getPath().split("\\?", 2)[0];
        ObjectNode discovery = switch (path) {
            case "/version" -> version();
            case "/api" -> apiVersions();
            case "/apis" -> groups();
            case "/api/v1" -> coreResources();
            default -> path.equals("/apis/" + group() + "/" + servedVersion()) && !crds.isEmpty() ? ourResources() : null;
        };
        if (discovery != null) {
            return ok(discovery);
        }
        String accept = request.getHeader("Accept");
        CustomResourceDefinition crd = crdOf(path);
        if (crd != null && accept != null && accept.contains("as=Table") && !request.getPath().contains("watch=")) {
            MockResponse stored = super.dispatch(request);
            if (stored.code() != 200) {
                return stored;
            }
            try {
                return ok(table(crd, JSON.readTree(stored.getBody().readUtf8())));
            } catch (java.io.IOException e) {
                return stored;
            }
        }
        return super.dispatch(request);
    }

    /** The CRD a path of our group lists or reads: /apis/GROUP/VERSION[/namespaces/NS]/PLURAL[/NAME]. */
    private CustomResourceDefinition crdOf(String path) {
        String prefix = "/apis/" + group() + "/" + servedVersion() + "/";
        if (crds.isEmpty() || !path.startsWith(prefix)) {
            return null;
        }
        String[] parts = path.substring(prefix.length()).split("/");
        int i = parts.length >= 2 && parts[0].equals("namespaces") ? 2 : 0;
        if (i >= parts.length || parts.length > i + 2) {
            return null;
        }
        return crds.get(parts[i]);
    }

    private String group() {
        return crds.values().stream().findFirst().map(c -> c.getSpec().getGroup()).orElse("");
    }

    private String servedVersion() {
        return crds.values().stream().findFirst().map(c -> c.getSpec().getVersions().get(0).getName()).orElse("");
    }

    private static MockResponse ok(JsonNode body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(body.toString());
    }

    private static ObjectNode version() {
        ObjectNode v = JSON.createObjectNode();
        v.put("major", "1").put("minor", "32").put("gitVersion", "v1.32.0-sealfleet-demo").put("platform", "linux/amd64");
        return v;
    }

    private static ObjectNode apiVersions() {
        ObjectNode v = JSON.createObjectNode().put("kind", "APIVersions").put("apiVersion", "v1");
        v.putArray("versions").add("v1");
        v.putArray("serverAddressByClientCIDRs");
        return v;
    }

    private ObjectNode groups() {
        ObjectNode list = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        if (!crds.isEmpty()) {
            ObjectNode g = groups.addObject().put("name", group());
            String gv = group() + "/" + servedVersion();
            g.putArray("versions").addObject().put("groupVersion", gv).put("version", servedVersion());
            g.putObject("preferredVersion").put("groupVersion", gv).put("version", servedVersion());
        }
        return list;
    }

    private static ObjectNode coreResources() {
        ObjectNode list = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1").put("groupVersion", "v1");
        ArrayNode resources = list.putArray("resources");
        for (String[] r : CORE) {
            ObjectNode o = resource(resources, r[0], r[1], r[2], true);
            if (r[3] != null) {
                o.putArray("shortNames").add(r[3]);
            }
        }
        return list;
    }

    private ObjectNode ourResources() {
        ObjectNode list = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", group() + "/" + servedVersion());
        ArrayNode resources = list.putArray("resources");
        crds.values().stream().sorted((a, b) -> a.getSpec().getNames().getPlural().compareTo(b.getSpec().getNames().getPlural()))
                .forEach(crd -> {
                    var names = crd.getSpec().getNames();
                    ObjectNode o = resource(resources, names.getPlural(), names.getSingular(), names.getKind(),
                            "Namespaced".equals(crd.getSpec().getScope()));
                    ArrayNode shortNames = o.putArray("shortNames");
                    (names.getShortNames() == null ? List.<String>of() : names.getShortNames()).forEach(shortNames::add);
                    ArrayNode categories = o.putArray("categories");
                    (names.getCategories() == null ? List.<String>of() : names.getCategories()).forEach(categories::add);
                    resources.addObject().put("name", names.getPlural() + "/status").put("singularName", "")
                            .put("namespaced", "Namespaced".equals(crd.getSpec().getScope())).put("kind", names.getKind())
                            .putArray("verbs").add("get").add("patch").add("update");
                });
        return list;
    }

    private static ObjectNode resource(ArrayNode into, String plural, String singular, String kind, boolean namespaced) {
        ObjectNode o = into.addObject().put("name", plural).put("singularName", singular).put("namespaced", namespaced)
                .put("kind", kind);
        ArrayNode verbs = o.putArray("verbs");
        VERBS.forEach(verbs::add);
        return o;
    }

    /** A meta.k8s.io/v1 Table of a list or one object, with NAME first and the CRD's columns after it. */
    ObjectNode table(CustomResourceDefinition crd, JsonNode body) {
        List<CustomResourceColumnDefinition> columns = columns(crd);
        ObjectNode table = JSON.createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata").put("resourceVersion", body.path("metadata").path("resourceVersion").asText(""));
        ArrayNode defs = table.putArray("columnDefinitions");
        defs.addObject().put("name", "Name").put("type", "string").put("format", "name").put("description", "Name")
                .put("priority", 0);
        for (CustomResourceColumnDefinition c : columns) {
            defs.addObject().put("name", c.getName()).put("type", c.getType()).put("format", c.getFormat() == null ? "" : c.getFormat())
                    .put("description", c.getDescription() == null ? "" : c.getDescription())
                    .put("priority", c.getPriority() == null ? 0 : c.getPriority());
        }
        ArrayNode rows = table.putArray("rows");
        List<JsonNode> items = new ArrayList<>();
        if (body.has("items")) {
            body.get("items").forEach(items::add);
            // The real API server lists in key order: namespace, then name.
            items.sort(java.util.Comparator.comparing((JsonNode i) -> i.path("metadata").path("namespace").asText())
                    .thenComparing(i -> i.path("metadata").path("name").asText()));
        } else {
            items.add(body);
        }
        for (JsonNode item : items) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            cells.add(item.path("metadata").path("name").asText());
            for (CustomResourceColumnDefinition c : columns) {
                JsonNode v = at(item, c.getJsonPath());
                if (v == null || v.isNull() || v.isMissingNode()) {
                    cells.addNull();
                } else if ("date".equals(c.getType())) {
                    cells.add(age(v.asText()));
                } else {
                    cells.add(v);
                }
            }
            ObjectNode object = row.putObject("object").put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
            object.set("metadata", item.path("metadata").deepCopy());
        }
        return table;
    }

    private static List<CustomResourceColumnDefinition> columns(CustomResourceDefinition crd) {
        for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
            if (Boolean.TRUE.equals(v.getServed()) && v.getAdditionalPrinterColumns() != null) {
                return v.getAdditionalPrinterColumns();
            }
        }
        return List.of();
    }

    /** The value at a simple JSONPath such as {@code .status.capacity.cpu} (all the CRDs use). */
    static JsonNode at(JsonNode item, String jsonPath) {
        JsonNode n = item;
        for (String field : jsonPath.replaceFirst("^\\.", "").split("\\.")) {
            n = n == null ? null : n.get(field);
        }
        return n;
    }

    /** "45s", "12m", "3h", "2d" as kubectl prints ages. */
    private String age(String timestamp) {
        try {
            Duration d = Duration.between(Instant.parse(timestamp), clock.now());
            long s = Math.max(0, d.getSeconds());
            if (s < 120) {
                return s + "s";
            }
            if (s < 2 * 3600) {
                return s / 60 + "m";
            }
            if (s < 48 * 3600) {
                return s / 3600 + "h";
            }
            return s / 86400 + "d";
        } catch (DateTimeParseException e) {
            return "<invalid>";
        }
    }
}
