package io.sealfleet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** What users copy from examples/ must be admitted by the CRDs as they are generated today. */
class ExamplesValidateTest {

    @TestFactory
    Stream<DynamicTest> everyExampleObjectValidatesAgainstItsCrd() {
        Path examples = GeneratedCrds.repoRoot().resolve("examples");
        assertThat(examples).as("examples/ directory").isDirectory();
        return ManifestValidationTests.eachSealfleetDocumentValidates(examples);
    }

    @TestFactory
    Stream<DynamicTest> everyValidFixtureValidatesAgainstItsCrd() {
        return ManifestValidationTests.eachSealfleetDocumentValidates(Fixtures.dir("valid"));
    }

    @Test
    void validFixturesMixInAForeignDocumentThatIsSkippedButStillCountOurs() {
        var documents = Fixtures.documents("valid");

        assertThat(documents).anyMatch(d -> !d.isSealfleetObject());
        assertThat(documents).filteredOn(ManifestDocument::isSealfleetObject).hasSizeGreaterThanOrEqualTo(9);
    }

    @Test
    void aDirectoryWithoutSealfleetObjectsFailsInsteadOfPassingEmpty(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("configmap.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: unrelated
                """);

        assertThatThrownBy(() -> ManifestValidationTests.eachSealfleetDocumentValidates(dir))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("holds no sealing.sealfleet.io objects");
    }
}
