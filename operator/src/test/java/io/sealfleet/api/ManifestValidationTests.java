package io.sealfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** Turns a directory of manifests into one test per sealfleet document, each expecting no violations. */
final class ManifestValidationTests {
    private static final CrdSchemaValidator VALIDATOR = CrdSchemaValidator.forGeneratedCrds();

    private ManifestValidationTests() {
    }

    /**
     * @throws AssertionError when the directory holds no sealfleet object at all: a test that validates
     *                        nothing would pass while proving nothing
     */
    static Stream<DynamicTest> eachSealfleetDocumentValidates(Path dir) {
        List<ManifestDocument> ours = ManifestDocument.readAll(dir).stream()
                .filter(ManifestDocument::isSealfleetObject)
                .toList();
        if (ours.isEmpty()) {
            throw new AssertionError(dir + " holds no " + ApiGroup.GROUP + " objects in its *.yaml / *.yml files");
        }
        return ours.stream().map(doc -> DynamicTest.dynamicTest(doc.displayName(dir), () ->
                assertThat(VALIDATOR.validate(doc.object()))
                        .as("violations of %s", doc.displayName(dir))
                        .isEmpty()));
    }
}
