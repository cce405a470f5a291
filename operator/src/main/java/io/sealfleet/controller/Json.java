package io.sealfleet.controller;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.sealfleet.api.validation.FieldError;
import java.util.Arrays;

/**
 * JSON for the operator: objects as the API server stores them (generic) are turned into the typed API
 * classes one by one, so one object that does not parse (an unknown enum value) becomes a field error on
 * that object instead of breaking the list of all of them; and statuses are compared as JSON trees to
 * build JSON merge patches.
 */
public final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private Json() {
    }

    /** The typed object, or the field error that stops the conversion. */
    public record Converted<T>(T object, FieldError error) {
    }

    public static <T extends HasMetadata> Converted<T> convert(GenericKubernetesResource raw, Class<T> type) {
        try {
            return new Converted<>(MAPPER.convertValue(raw, type), null);
        } catch (IllegalArgumentException e) {
            Throwable cause = e.getCause();
            if (cause instanceof JsonMappingException m) {
                return new Converted<>(null, describe(m));
            }
            return new Converted<>(null, new FieldError("(object)", oneLine(e.getMessage())));
        }
    }

    static FieldError describe(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        String field = path.length() == 0 ? "(object)" : path.toString();
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            return new FieldError(field, "'" + f.getValue() + "' is not valid; use one of "
                    + Arrays.toString(f.getTargetType().getEnumConstants()));
        }
        if (e instanceof InvalidFormatException f) {
            return new FieldError(field, "'" + f.getValue() + "' is not a valid " + f.getTargetType().getSimpleName()
                    + "; fix the value");
        }
        return new FieldError(field, oneLine(e.getOriginalMessage()) + "; fix the value");
    }

    static JsonNode tree(Object value) {
        return value == null ? JsonNodeFactory.instance.nullNode() : MAPPER.valueToTree(value);
    }

    /** The status of a stored object as JSON (missing: an empty object). */
    static JsonNode statusOf(GenericKubernetesResource raw) {
        Object status = raw.getAdditionalProperties().get("status");
        return status == null ? JsonNodeFactory.instance.objectNode() : MAPPER.valueToTree(status);
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A deep copy through JSON. */
    static <T> T copy(T value, Class<T> type) {
        return value == null ? null : MAPPER.convertValue(MAPPER.valueToTree(value), type);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
