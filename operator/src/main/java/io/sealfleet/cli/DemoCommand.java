package io.sealfleet.cli;

import io.sealfleet.scheduler.Assigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sealfleet demo}. Sealing end to end (embedded API server, operator, local agents, native
 * kernels) is not part of this build; until it is, the demo plans every example set in
 * {@code examples/} and says so on its first line.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Shows sealfleet at work on the examples. This build runs the scheduler over every example",
                "set in examples/ and prints each plan; sealing sectors end to end is not part of this build."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--examples", defaultValue = "examples", paramLabel = "DIR", description = "Examples directory.")
    Path examples;

    @Override
    public Integer call() {
        System.out.println("sealfleet demo: scheduler dry run over " + examples + "/ (end-to-end sealing with the operator,");
        System.out.println("worker agents and native kernels is not part of this build)");
        List<Path> sets;
        try (Stream<Path> dirs = Files.list(examples)) {
            sets = dirs.filter(Files::isDirectory).filter(DemoCommand::hasSealfleetObjects).sorted().toList();
        } catch (IOException e) {
            System.err.println("sealfleet demo: cannot read " + examples + ": " + e.getMessage());
            return Main.EXIT_INVALID_INPUT;
        }
        Planner planner = new Planner(Assigner.UTILIZATION, Instant.now());
        for (Path set : sets) {
            try {
                System.out.println();
                System.out.println("== " + set + " ==");
                System.out.println(PlanJson.render(planner.plan(new ManifestReader().read(List.of(set)))));
            } catch (ManifestException e) {
                System.err.println("sealfleet demo: " + e.getMessage());
                return Main.EXIT_INVALID_INPUT;
            }
        }
        return 0;
    }

    private static boolean hasSealfleetObjects(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".yaml") && contains(f));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean contains(Path f) {
        try {
            return Files.readString(f).contains("sealing.sealfleet.io/");
        } catch (IOException e) {
            return false;
        }
    }
}
