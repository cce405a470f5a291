package io.sealfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The committed crds/ are what users and the chart install, so they must be what the API classes generate. */
class CrdsUpToDateTest {
    private static final String FIX = "run `mvn -Pupdate-crds process-classes` from the repository root and commit crds/";

    static Stream<String> generatedCrdNames() {
        return GeneratedCrds.generatedFiles().stream().map(p -> p.getFileName().toString());
    }

    @Test
    void crdsDirectoryHoldsExactlyTheGeneratedFiles() {
        List<String> generated = names(GeneratedCrds.generatedFiles());
        List<String> committed = names(GeneratedCrds.crdFiles(GeneratedCrds.committedDir()));

        assertThat(generated).as("generated CRDs").isNotEmpty();
        assertThat(committed)
                .as("crds/ must hold the same CRD files as the generator writes; " + FIX)
                .containsExactlyElementsOf(generated);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatedCrdNames")
    void committedCrdIsByteForByteTheGeneratedOne(String name) throws IOException {
        Path committed = GeneratedCrds.committedDir().resolve(name);
        Path generated = GeneratedCrds.generatedDir().resolve(name);

        assertThat(committed).as("crds/" + name + " is missing; " + FIX).exists();
        byte[] expected = Files.readAllBytes(generated);
        byte[] actual = Files.readAllBytes(committed);
        assertThat(Arrays.equals(actual, expected))
                .as("crds/" + name + " is stale: it differs from the CRD generated from the API classes ("
                        + firstDifference(actual, expected) + "); " + FIX)
                .isTrue();
    }

    /** Points at the first differing line, so the failure says what changed without dumping both files. */
    private static String firstDifference(byte[] actual, byte[] expected) {
        List<String> a = new String(actual, StandardCharsets.UTF_8).lines().toList();
        List<String> e = new String(expected, StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < Math.max(a.size(), e.size()); i++) {
            String committedLine = i < a.size() ? a.get(i) : "<end of file>";
            String generatedLine = i < e.size() ? e.get(i) : "<end of file>";
            if (!committedLine.equals(generatedLine)) {
                return "line " + (i + 1) + ": committed '" + committedLine.strip() + "', generated '"
                        + generatedLine.strip() + "'";
            }
        }
        return "line endings or trailing bytes differ";
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }
}
