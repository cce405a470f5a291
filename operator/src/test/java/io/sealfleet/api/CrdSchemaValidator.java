package io.sealfleet.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a manifest of our group as the API server would admit it, from the generated CRDs: the
 * OpenAPI schema of the version named by {@code apiVersion} (plus unknown fields, which the server would
 * prune unseen) and every CEL rule, transition rules only when an old object is given. The mock server
 * enforces none of this, so tests and examples go through here.
 */
public final class CrdSchemaValidator {
    private final Map<String, JsonNode> schemas;
    private final CelRules celRules = new CelRules();

    private CrdSchemaValidator(Map<String, JsonNode> schemas) {
        this.schemas = schemas;
    }

    /** The CRDs generated from the API classes at process-classes. */
    public static CrdSchemaValidator forGeneratedCrds() {
        return of(GeneratedCrds.loadGenerated());
    }

    public static CrdSchemaValidator of(List<JsonNode> crds) {
        Map<String, JsonNode> schemas = new HashMap<>();
        for (JsonNode crd : crds) {
            String group = crd.path("spec").path("group").asText();
            String kind = crd.path("spec").path("names").path("kind").asText();
            for (JsonNode version : crd.path("spec").path("versions")) {
                schemas.put(key(group + "/" + version.path("name").asText(), kind),
                        version.path("schema").path("openAPIV3Schema"));
            }
        }
        return new CrdSchemaValidator(Map.copyOf(schemas));
    }

    /** Whether the object belongs to our API group ({@code apiVersion: sealing.sealfleet.io/...}). */
    public static boolean isSealfleetObject(JsonNode object) {
        return object != null && object.path("apiVersion").asText().startsWith(ApiGroup.GROUP + "/");
    }

    /** Validates a new object (create): transition rules do not run. */
    public List<Violation> validate(JsonNode object) {
        return validate(object, null);
    }

    /** Validates an update of {@code oldObject} to {@code object}; transition rules see both. */
    public List<Violation> validate(JsonNode object, JsonNode oldObject) {
        if (object == null || !object.isObject()) {
            return List.of(new Violation("", "not an object"));
        }
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        JsonNode schema = schemas.get(key(apiVersion, kind));
        if (schema == null) {
            return List.of(new Violation(apiVersion.isEmpty() ? "apiVersion" : "kind",
                    "no CRD serves " + kind + " in " + apiVersion + "; known: " + known()));
        }
        List<Violation> violations = new ArrayList<>(metadata(object.path("metadata")));
        OpenApiSchemaCheck.Result structural = OpenApiSchemaCheck.run(schema, object);
        violations.addAll(structural.violations());
        if (structural.typeErrors()) {
            // As the API server does: CEL rules cannot run on values of the wrong type.
            violations.add(new Violation("", "some validation rules were not checked because the object was invalid; "
                    + "correct the existing errors to complete validation"));
        } else {
            violations.addAll(CelRuleCheck.run(celRules, schema, object, oldObject));
        }
        return List.copyOf(violations);
    }

    private static List<Violation> metadata(JsonNode metadata) {
        if (!metadata.isObject()) {
            return List.of(new Violation("metadata", "Required value: an object needs metadata with a name"));
        }
        if (metadata.path("name").asText("").isEmpty() && metadata.path("generateName").asText("").isEmpty()) {
            return List.of(new Violation("metadata.name", "Required value: name or generateName is required"));
        }
        return List.of();
    }

    private String known() {
        return schemas.keySet().stream().sorted().toList().toString();
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + " " + kind;
    }
}
