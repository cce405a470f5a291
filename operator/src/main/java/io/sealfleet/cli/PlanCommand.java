package io.sealfleet.cli;

import io.sealfleet.scheduler.Assigner;
import io.sealfleet.scheduler.SchedulingPlan;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sealfleet plan -f FILE…}: the scheduler's decision for the given objects, as a table or JSON. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Dry-runs the scheduler on SealingWorker, StorageGroup and SectorTask manifests and prints which "
                + "task goes to which worker and why the others wait. A task whose status names a worker counts as "
                + "running there; a worker's status may carry its capacity, storage and sectors.",
                "Invalid objects make it exit 2 with one line naming the document and the field. YAML documents that "
                + "are not Kubernetes objects (a chart's values.yaml) are skipped with a note on stderr."})
final class PlanCommand implements Callable<Integer> {
    /** How the plan is printed. */
    enum Format { table, json }

    @Option(names = {"-f", "--filename"}, required = true, arity = "1..*", paramLabel = "FILE",
            description = "YAML files or directories of them (multi-document YAML is fine).")
    List<Path> files;

    @Option(names = "--assigner", defaultValue = "utilization", paramLabel = "NAME",
            description = "utilization (default) or spread.")
    String assigner;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "table or json. Default: table on a terminal, json when the output goes to a pipe or file "
                    + "(what scripts read).")
    Format output;

    /** Whether stdout is a terminal; tests set it. */
    boolean terminal = System.console() != null;

    @Override
    public Integer call() throws ManifestException {
        Assigner a;
        try {
            a = Assigner.parse(assigner);
        } catch (IllegalArgumentException e) {
            throw CliFailure.badInput("--assigner: " + e.getMessage());
        }
        ManifestReader reader = new ManifestReader();
        List<Manifest> manifests = reader.read(files);
        Planner planner = new Planner(a, Instant.now());
        SchedulingPlan plan = planner.plan(manifests);
        reader.notes().forEach(n -> System.err.println("sealfleet plan: note: " + n));
        planner.notes().forEach(n -> System.err.println("sealfleet plan: note: " + n));
        Format format = output != null ? output : terminal ? Format.table : Format.json;
        System.out.print(format == Format.json ? PlanJson.render(plan) + "\n" : PlanTable.render(plan, manifests));
        return ExitCodes.OK;
    }
}
