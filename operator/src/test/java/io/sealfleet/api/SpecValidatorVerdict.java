package io.sealfleet.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.sealfleet.api.validation.FieldError;
import io.sealfleet.api.validation.SpecValidator;
import java.util.List;

/**
 * What the Java side says about a manifest: reading it into the API classes, then {@link SpecValidator}.
 * Reading is strict, so a value Jackson cannot map (an unknown enum constant, a misspelt field) is a
 * rejection at the field Jackson names; that is where the Java side enforces enums and unknown fields.
 */
final class SpecValidatorVerdict {
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SpecValidatorVerdict() {
    }

    static List<FieldError> of(JsonNode object) {
        String kind = object.path("kind").asText();
        try {
            return switch (kind) {
                case "SectorTask" -> SpecValidator.validate(STRICT.treeToValue(object, SectorTask.class));
                case "SealingWorker" -> SpecValidator.validate(STRICT.treeToValue(object, SealingWorker.class));
                case "StorageGroup" -> SpecValidator.validate(STRICT.treeToValue(object, StorageGroup.class));
                default -> throw new IllegalArgumentException("not a sealfleet kind: " + kind);
            };
        } catch (MismatchedInputException e) {
            return List.of(new FieldError(path(e), "cannot be read: " + e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
