package io.sealfleet.cli;

import io.sealfleet.scheduler.Assigner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sealfleet plan -f FILE…}: the scheduler's decision for the given objects, as JSON. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Dry-runs the scheduler on SealingWorker, StorageGroup and SectorTask manifests and prints",
                "which task goes to which worker and why the others wait. A task whose status names a worker",
                "counts as running there; a worker's status may carry its capacity, storage and sectors.",
                "Invalid objects make it exit 2 with one line naming the document and the field."})
final class PlanCommand implements Callable<Integer> {
    @Option(names = {"-f", "--filename"}, required = true, arity = "1..*", paramLabel = "FILE",
            description = "YAML files or directories of them (multi-document YAML is fine).")
    List<Path> files;

    @Option(names = "--assigner", defaultValue = "utilization", paramLabel = "NAME",
            description = "utilization (default) or spread.")
    String assigner;

    @Override
    public Integer call() {
        try {
            Assigner a = Assigner.parse(assigner);
            List<Manifest> manifests = new ManifestReader().read(files);
            System.out.println(PlanJson.render(new Planner(a, Instant.now()).plan(manifests)));
            return 0;
        } catch (ManifestException | IllegalArgumentException e) {
            System.err.println("sealfleet plan: " + e.getMessage());
            return Main.EXIT_INVALID_INPUT;
        }
    }
}
