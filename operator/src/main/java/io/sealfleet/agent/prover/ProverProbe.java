package io.sealfleet.agent.prover;

import io.sealfleet.api.ProverAdapter;
import io.sealfleet.api.WorkerCapabilities;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a prover adapter's executable is installed on this worker, found the way the process
 * start finds it: a path as written, a bare name on PATH. A missing prover is reported in the
 * worker's status, so the scheduler keeps SNARKs off the worker instead of failing them here.
 */
public final class ProverProbe {
    private ProverProbe() {
    }

    public static WorkerCapabilities.ProverState check(Prover prover, String pathEnv) {
        WorkerCapabilities.ProverState s = new WorkerCapabilities.ProverState();
        s.adapter = prover.adapter();
        s.types = prover.types().stream().map(Enum::name).toList();
        String exe = prover.executable();
        String fix = prover.adapter() == ProverAdapter.LotusBench
                ? "install lotus-bench in the worker image or set spec.externalProver.path to its absolute path"
                : "install it in the worker image or change spec.externalProver.command[0]";
        Path found = resolve(exe, pathEnv);
        if (found == null) {
            s.executable = exe;
            s.installed = false;
            s.message = "the " + prover.adapter() + " prover adapter's executable " + exe + " is not "
                    + (exe.contains("/") ? "there" : "on PATH (" + (pathEnv == null ? "" : pathEnv) + ")") + "; " + fix;
            return s;
        }
        s.executable = found.toString();
        if (!Files.isExecutable(found)) {
            s.installed = false;
            s.message = "the " + prover.adapter() + " prover adapter's executable " + found + " is not executable; "
                    + "make it executable (chmod +x) or " + fix;
            return s;
        }
        s.installed = true;
        s.message = "the " + prover.adapter() + " prover adapter runs " + found + " for " + String.join(" and ", s.types);
        return s;
    }

    /** The file a process start would run, or null when there is none. */
    static Path resolve(String exe, String pathEnv) {
        try {
            if (exe.contains("/")) {
                Path p = Path.of(exe).toAbsolutePath();
                return Files.isRegularFile(p) ? p : null;
            }
            List<String> dirs = new ArrayList<>(pathEnv == null ? List.of() : List.of(pathEnv.split(File.pathSeparator)));
            for (String d : dirs) {
                if (d.isEmpty()) {
                    continue;
                }
                Path p = Path.of(d).resolve(exe);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
            return null;
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
