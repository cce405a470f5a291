package io.sealfleet.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/**
 * The manifests under src/test/resources/api: {@code valid/}, {@code invalid/} (rejected by the CRD and
 * by SpecValidator) and {@code invalid-beyond-crd/} (accepted by the CRD, rejected by SpecValidator).
 * Each invalid one names the field at fault in the annotation {@value #EXPECTED_FIELD}.
 */
final class Fixtures {
    static final String EXPECTED_FIELD = "test.sealfleet.io/expected-field";

    private Fixtures() {
    }

    static Path dir(String name) {
        URL url = Fixtures.class.getClassLoader().getResource("api/" + name);
        if (url == null) {
            throw new IllegalStateException("no test resource api/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<ManifestDocument> documents(String dirName) {
        return ManifestDocument.readAll(dir(dirName));
    }

    /** The single document of {@code invalid/<file>} (or another fixture directory). */
    static JsonNode object(String dirName, String file) {
        List<ManifestDocument> documents = ManifestDocument.read(dir(dirName).resolve(file));
        if (documents.size() != 1) {
            throw new IllegalStateException(file + " should hold one document, holds " + documents.size());
        }
        return documents.get(0).object();
    }

    /** A deep copy of the valid fixture named {@code name}, to derive variants from. */
    static ObjectNode valid(String name) {
        return documents("valid").stream()
                .map(ManifestDocument::object)
                .filter(o -> o.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .map(o -> (ObjectNode) o.deepCopy())
                .orElseThrow(() -> new IllegalStateException("no valid fixture named " + name));
    }

    static String expectedField(JsonNode object) {
        String field = object.path("metadata").path("annotations").path(EXPECTED_FIELD).asText("");
        if (field.isEmpty()) {
            throw new IllegalStateException("fixture " + object.path("metadata") + " lacks annotation " + EXPECTED_FIELD);
        }
        return field;
    }
}
