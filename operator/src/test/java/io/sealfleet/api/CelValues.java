package io.sealfleet.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A manifest value as CEL sees it on the API server: pruned to the schema's fields (unknown fields and
 * nulls are gone before rules run), integers as int64 ({@link Long}), numbers as double.
 */
final class CelValues {
    private CelValues() {
    }

    static Object of(JsonNode schema, JsonNode value, Set<String> implicitFields) {
        if (value.isObject()) {
            return object(schema, value, implicitFields);
        }
        if (value.isArray()) {
            List<Object> list = new ArrayList<>();
            JsonNode items = schema.path("items");
            for (JsonNode item : value) {
                list.add(of(items, item, Set.of()));
            }
            return list;
        }
        if (value.isNumber()) {
            boolean integer = schema.path("type").asText().equals("integer")
                    || (!schema.path("type").asText().equals("number") && value.isIntegralNumber());
            return integer ? (Object) value.asLong() : (Object) value.asDouble();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.asText();
    }

    private static Map<String, Object> object(JsonNode schema, JsonNode object, Set<String> implicitFields) {
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        boolean keepUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                || (additional != null && additional.asBoolean(false));
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode v = field.getValue();
            if (v.isNull()) {
                continue;
            }
            if (properties.has(field.getKey())) {
                map.put(field.getKey(), of(properties.get(field.getKey()), v, Set.of()));
            } else if (additional != null && additional.isObject()) {
                map.put(field.getKey(), of(additional, v, Set.of()));
            } else if (keepUnknown || implicitFields.contains(field.getKey())) {
                map.put(field.getKey(), of(schemaless(), v, Set.of()));
            }
        }
        return map;
    }

    private static JsonNode schemaless() {
        return MissingNode.getInstance();
    }
}
