package io.sealfleet.kube;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Iterator;
import java.util.Map;

/**
 * The operator's one way of writing status: a JSON Patch (RFC 6902) to the {@code /status} subresource
 * that first replaces {@code metadata.resourceVersion} with the version the decision was made on, then
 * adds, replaces or removes only the top-level status fields that differ. Setting the version makes the
 * write conditional: the API server answers 409 Conflict when the object changed since it was read, so a
 * decision is never written over a state it did not see (a task is never bound twice). Fields other
 * writers own (the agent's storage report) are left alone.
 *
 * <p>Why not a merge patch: the Fabric8 mock server appends arrays on a JSON merge patch instead of
 * replacing them (conditions would pile up), while JSON Patch behaves the same on the mock and on a real
 * API server. Server-side apply is never used (the mock does not support it).
 *
 * <p>The operator and the worker agent both write through this class.
 */
public final class StatusWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    public enum Outcome { WRITTEN, UNCHANGED, CONFLICT, GONE }

    public record Result(Outcome outcome, GenericKubernetesResource object) {
    }

    private final KubernetesClient client;

    public StatusWriter(KubernetesClient client) {
        this.client = client;
    }

    public Result write(ResourceDefinitionContext context, GenericKubernetesResource current, Object newStatus) {
        Object stored = current.getAdditionalProperties().get("status");
        JsonNode from = stored == null ? JsonNodeFactory.instance.objectNode() : MAPPER.valueToTree(stored);
        JsonNode to = newStatus == null ? JsonNodeFactory.instance.nullNode() : MAPPER.valueToTree(newStatus);
        ArrayNode ops = JsonNodeFactory.instance.arrayNode();
        if (current.getAdditionalProperties().get("status") == null) {
            ops.addObject().put("op", "add").put("path", "/status").set("value", to);
        } else {
            Iterator<Map.Entry<String, JsonNode>> old = from.fields();
            while (old.hasNext()) {
                Map.Entry<String, JsonNode> f = old.next();
                if (!to.has(f.getKey()) || to.get(f.getKey()).isNull()) {
                    ops.addObject().put("op", "remove").put("path", "/status/" + pointer(f.getKey()));
                }
            }
            Iterator<Map.Entry<String, JsonNode>> now = to.fields();
            while (now.hasNext()) {
                Map.Entry<String, JsonNode> f = now.next();
                if (!f.getValue().isNull() && !f.getValue().equals(from.get(f.getKey()))) {
                    ops.addObject().put("op", "add").put("path", "/status/" + pointer(f.getKey())).set("value", f.getValue());
                }
            }
        }
        if (ops.isEmpty()) {
            return new Result(Outcome.UNCHANGED, current);
        }
        ops.insertObject(0).put("op", "replace").put("path", "/metadata/resourceVersion")
                .put("value", current.getMetadata().getResourceVersion());
        try {
            GenericKubernetesResource written = client.genericKubernetesResources(context)
                    .inNamespace(current.getMetadata().getNamespace())
                    .withName(current.getMetadata().getName())
                    .subresource("status")
                    .patch(PatchContext.of(PatchType.JSON), ops.toString());
            return new Result(Outcome.WRITTEN, written);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return new Result(Outcome.CONFLICT, null);
            }
            if (e.getCode() == 404) {
                return new Result(Outcome.GONE, null);
            }
            throw e;
        }
    }

    private static String pointer(String field) {
        return field.replace("~", "~0").replace("/", "~1");
    }
}
