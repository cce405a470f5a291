package io.sealfleet.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The chart installs the same CRDs as crds/ (which the API classes generate; CrdsUpToDateTest keeps that true). */
class ChartCrdsTest {
    private static final String FIX = "run `mvn -Pupdate-crds process-classes` from the repository root (it refreshes "
            + "crds/ and charts/sealfleet/crds/) and commit both";

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml") || n.endsWith(".yaml"))
                    .sorted().toList();
        }
    }

    @Test
    void chartCrdsAreByteForByteTheCommittedCrds() throws IOException {
        Path top = ChartFixture.repoRoot().resolve("crds");
        Path chart = ChartFixture.chartDir().resolve("crds");
        assertThat(names(chart)).as("charts/sealfleet/crds/ holds the files of crds/; " + FIX)
                .containsExactlyElementsOf(names(top));
        for (String name : names(top)) {
            assertThat(Arrays.equals(Files.readAllBytes(chart.resolve(name)), Files.readAllBytes(top.resolve(name))))
                    .as("charts/sealfleet/crds/" + name + " is stale: it differs from crds/" + name + "; " + FIX)
                    .isTrue();
        }
    }
}
