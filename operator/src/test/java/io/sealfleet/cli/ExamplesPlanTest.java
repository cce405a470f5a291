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
 * Each example states in "# plan:" comment lines what {@code sealfleet plan} shows for it; this
 * test runs the plan and requires exactly those lines, so the comments cannot go stale.
 */
class ExamplesPlanTest {
    @TestFactory
    Stream<DynamicTest> everyExamplePlansAsItsCommentSays() throws IOException {
        List<Path> sets;
        try (Stream<Path> dirs = Files.list(RepoPaths.root().resolve("examples"))) {
            sets = dirs.filter(Files::isDirectory).filter(d -> !expected(d).isEmpty()).sorted().toList();
        }
        assertThat(sets).as("example sets with '# plan:' lines").hasSizeGreaterThanOrEqualTo(4);
        return sets.stream().map(set -> DynamicTest.dynamicTest(set.getFileName().toString(), () -> {
            SchedulingPlan plan = new Planner(Assigner.UTILIZATION, Instant.now()).plan(new ManifestReader().read(List.of(set)));
            List<String> actual = new ArrayList<>();
            plan.assignments().forEach(a -> actual.add(a.task() + " -> " + a.worker()));
            plan.waiting().forEach(w -> actual.add(w.task() + " waits: " + w.reason()));
            assertThat(actual).containsExactlyInAnyOrderElementsOf(expected(set));
        }));
    }

    private static List<String> expected(Path dir) {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    String t = line.trim();
                    if (t.startsWith("#   plan: ")) {
                        lines.add(t.substring("#   plan: ".length()));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return lines;
    }
}
