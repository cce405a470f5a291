package io.sealfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** kubectl explain and kubectl get show what the CRDs carry; every field should explain itself. */
class CrdDescriptionsTest {
    /** The API server describes these itself; spec and status are inherited from CustomResource. */
    private static final Set<String> NOT_OURS = Set.of("metadata", "apiVersion", "kind");

    static Stream<Path> crds() {
        return GeneratedCrds.generatedFiles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crds")
    void everySpecAndStatusFieldAtEveryDepthHasADescription(Path crd) {
        List<String> undescribed = new ArrayList<>();
        for (JsonNode version : GeneratedCrds.read(crd).path("spec").path("versions")) {
            JsonNode root = version.path("schema").path("openAPIV3Schema");
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> top = it.next();
                if (!NOT_OURS.contains(top.getKey())) {
                    collectUndescribed(top.getValue(), top.getKey(), undescribed);
                }
            }
        }

        assertThat(undescribed)
                .as("fields without a description; add @JsonPropertyDescription to the API class field, then run "
                        + "`mvn -Pupdate-crds process-classes` and commit crds/")
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crds")
    void hasShortNamesTheSealingCategoryPrinterColumnsAndAStatusSubresource(Path file) {
        JsonNode crd = GeneratedCrds.read(file).path("spec");

        assertThat(crd.path("names").path("shortNames")).as("shortNames").isNotEmpty();
        assertThat(crd.path("names").path("categories").toString()).as("categories").contains("\"sealing\"");
        for (JsonNode version : crd.path("versions")) {
            assertThat(version.path("additionalPrinterColumns")).as("printer columns of " + version.path("name"))
                    .isNotEmpty();
            assertThat(version.path("subresources").has("status")).as("status subresource of " + version.path("name"))
                    .isTrue();
        }
    }

    /** Walks properties, array items and map values; the containers themselves need no description. */
    private static void collectUndescribed(JsonNode schema, String path, List<String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String child = FieldPaths.child(path, property.getKey());
            if (property.getValue().path("description").asText("").isBlank()) {
                out.add(child);
            }
            collectUndescribed(property.getValue(), child, out);
        }
        if (schema.has("items")) {
            collectUndescribed(schema.get("items"), path + "[]", out);
        }
        if (schema.path("additionalProperties").isObject()) {
            collectUndescribed(schema.get("additionalProperties"), path + "[*]", out);
        }
    }
}
