package io.sealfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.scheduler.Assigner;
import io.sealfleet.scheduler.SchedulingPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each example shows in its comments the table {@code sealfleet plan} prints for it (the block of
 * "#   " lines starting with "#   TASK"); this test renders the plan and requires exactly that table,
 * so the comments cannot go stale.
 */
class ExamplesPlanTest {
    private static final String INDENT = "#   ";

    @TestFactory
    Stream<DynamicTest> everyExampleCommentShowsTheTablePlanPrints() throws IOException {
        List<Path> sets;
        try (Stream<Path> dirs = Files.list(RepoPaths.root().resolve("examples"))) {
            sets = dirs.filter(Files::isDirectory).filter(d -> !shownTable(d).isEmpty()).sorted().toList();
        }
        assertThat(sets).as("example sets whose comments show a plan table").hasSizeGreaterThanOrEqualTo(4);
        return sets.stream().map(set -> DynamicTest.dynamicTest(set.getFileName().toString(), () -> {
            List<Manifest> manifests = new ManifestReader().read(List.of(set));
            SchedulingPlan plan = new Planner(Assigner.UTILIZATION, Instant.now()).plan(manifests);
            assertThat(PlanTable.render(plan, manifests).lines().toList())
                    .as("the table in the comments of " + set + "; paste the output of "
                            + "`./sealfleet plan -o table -f " + RepoPaths.root().relativize(set) + "/`")
                    .containsExactlyElementsOf(shownTable(set));
        }));
    }

    private static List<String> shownTable(Path dir) {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                boolean inTable = false;
                for (String line : Files.readAllLines(f)) {
                    inTable = inTable ? line.startsWith(INDENT) : line.startsWith(INDENT + "TASK ");
                    if (inTable) {
                        lines.add(line.substring(INDENT.length()));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return lines;
    }
}
