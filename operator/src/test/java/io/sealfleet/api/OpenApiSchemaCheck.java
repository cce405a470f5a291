package io.sealfleet.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The structural part of CRD validation, walked by hand so that every finding names its field: types,
 * required, enum, pattern, bounds, items, additionalProperties, list types and unknown fields. A real API
 * server prunes unknown fields silently; here they are reported so that a typo is not lost.
 */
final class OpenApiSchemaCheck {
    /** Schema keywords this check implements; anything else in a CRD fails loudly instead of being ignored. */
    private static final Set<String> UNDERSTOOD = Set.of(
            "type", "description", "default", "format", "properties", "required", "items", "additionalProperties",
            "enum", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
            "minLength", "maxLength", "minItems", "maxItems",
            "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-validations",
            "x-kubernetes-list-type", "x-kubernetes-list-map-keys");

    /** Fields every object has beside its schema's; the API server validates them itself. */
    static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");

    record Result(List<Violation> violations, boolean typeErrors) {
    }

    private final List<Violation> violations = new ArrayList<>();
    private boolean typeErrors;

    private OpenApiSchemaCheck() {
    }

    static Result run(JsonNode openApiV3Schema, JsonNode object) {
        OpenApiSchemaCheck check = new OpenApiSchemaCheck();
        check.value(openApiV3Schema, object, "", ROOT_FIELDS);
        return new Result(List.copyOf(check.violations), check.typeErrors);
    }

    private void value(JsonNode schema, JsonNode value, String path, Set<String> implicitFields) {
        requireUnderstood(schema, path);
        if (!typeMatches(schema, value, path)) {
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            report(path, "Unsupported value: " + value + ": supported values: " + join(schema.get("enum")));
        }
        if (value.isTextual()) {
            string(schema, value.asText(), path);
        } else if (value.isNumber()) {
            number(schema, value, path);
        } else if (value.isArray()) {
            array(schema, value, path);
        } else if (value.isObject()) {
            object(schema, value, path, implicitFields);
        }
    }

    private boolean typeMatches(JsonNode schema, JsonNode value, String path) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (value.isTextual() || value.isIntegralNumber()) {
                return true;
            }
            return typeError(path, "must be an integer or a string, not " + jsonType(value));
        }
        String type = schema.path("type").asText("");
        boolean ok = switch (type) {
            case "" -> true;
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.canConvertToExactIntegral());
            case "number" -> value.isNumber();
            default -> throw new IllegalStateException(path + ": schema type '" + type + "' is not an OpenAPI type");
        };
        return ok || typeError(path, "must be of type " + type + ", not " + jsonType(value) + " (" + value + ")");
    }

    private void string(JsonNode schema, String text, String path) {
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            report(path, "Invalid value: \"" + text + "\": should match '" + schema.get("pattern").asText() + "'");
        }
        int length = text.codePointCount(0, text.length());
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            report(path, "should be at least " + schema.get("minLength").asInt() + " chars long");
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            report(path, "may not be longer than " + schema.get("maxLength").asInt() + " chars");
        }
    }

    private void number(JsonNode schema, JsonNode value, String path) {
        double v = value.asDouble();
        if (schema.has("minimum")) {
            double min = schema.get("minimum").asDouble();
            boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
            if (exclusive ? v <= min : v < min) {
                report(path, "Invalid value: " + value + ": should be greater than " + (exclusive ? "" : "or equal to ")
                        + plain(min));
            }
        }
        if (schema.has("maximum")) {
            double max = schema.get("maximum").asDouble();
            boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
            if (exclusive ? v >= max : v > max) {
                report(path, "Invalid value: " + value + ": should be less than " + (exclusive ? "" : "or equal to ")
                        + plain(max));
            }
        }
    }

    private void array(JsonNode schema, JsonNode array, String path) {
        if (schema.has("minItems") && array.size() < schema.get("minItems").asInt()) {
            report(path, "should have at least " + schema.get("minItems").asInt() + " items");
        }
        if (schema.has("maxItems") && array.size() > schema.get("maxItems").asInt()) {
            report(path, "must have at most " + schema.get("maxItems").asInt() + " items");
        }
        JsonNode items = schema.get("items");
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (item.isNull()) {
                typeError(FieldPaths.item(path, i), "must not be null");
            } else if (items != null) {
                value(items, item, FieldPaths.item(path, i), Set.of());
            }
        }
        listType(schema, array, path);
    }

    /** set: items unique; map: the key fields unique, as the API server enforces. */
    private void listType(JsonNode schema, JsonNode array, String path) {
        String listType = schema.path("x-kubernetes-list-type").asText("atomic");
        if (listType.equals("atomic")) {
            return;
        }
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            Object key = listType.equals("set") ? array.get(i) : mapKey(schema, array.get(i));
            if (!seen.add(key)) {
                report(FieldPaths.item(path, i), "Duplicate value: " + key);
            }
        }
    }

    private static List<JsonNode> mapKey(JsonNode schema, JsonNode item) {
        List<JsonNode> key = new ArrayList<>();
        schema.path("x-kubernetes-list-map-keys").forEach(k -> key.add(item.path(k.asText())));
        return key;
    }

    private void object(JsonNode schema, JsonNode object, String path, Set<String> implicitFields) {
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            String fieldPath = FieldPaths.child(path, name);
            if (field.getValue().isNull() || implicitFields.contains(name)) {
                // The API server drops nulls of non-nullable fields before validating; required catches them.
                continue;
            }
            if (properties.has(name)) {
                value(properties.get(name), field.getValue(), fieldPath, Set.of());
            } else if (additional != null && additional.isObject()) {
                value(additional, field.getValue(), fieldPath, Set.of());
            } else if (!preserveUnknown && !(additional != null && additional.asBoolean(false))) {
                report(fieldPath, "unknown field: the API server would drop it silently; remove it or fix its spelling"
                        + (properties.size() > 0 ? " (known fields: " + fieldNames(properties) + ")" : ""));
            }
        }
        for (JsonNode required : schema.path("required")) {
            JsonNode present = object.get(required.asText());
            if (present == null || present.isNull()) {
                report(FieldPaths.child(path, required.asText()), "Required value");
            }
        }
    }

    private boolean typeError(String path, String message) {
        typeErrors = true;
        report(path, message);
        return false;
    }

    private void report(String path, String message) {
        violations.add(new Violation(path, message));
    }

    private static void requireUnderstood(JsonNode schema, String path) {
        schema.fieldNames().forEachRemaining(keyword -> {
            if (!UNDERSTOOD.contains(keyword)) {
                throw new IllegalStateException("CrdSchemaValidator does not implement schema keyword '" + keyword
                        + "' (at " + (path.isEmpty() ? "the root" : path) + "); teach OpenApiSchemaCheck before relying on it");
            }
        });
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String join(JsonNode values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.toString()));
        return String.join(", ", out);
    }

    private static String fieldNames(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().collect(Collectors.joining(", "));
    }

    private static String jsonType(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
            case NULL -> "null";
            default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
