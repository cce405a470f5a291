package io.sealfleet.agent;

import io.sealfleet.table.FileType;
import io.sealfleet.table.TaskFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finalize and FinalizeReplicaUpdate, as Lotus does them: the task's input files move to the long-term
 * path. Whole files (sealed, update, the unsealed copy of a sector with deals) are copied and renamed
 * in; of the cache directories only what proving needs. The sealing copies go only once every
 * long-term copy is complete, so a stopped move leaves the sector whole where it was.
 */
final class LongTermMove {
    /** Files of a finalized cache: what proving needs, as Lotus keeps them. */
    private static final List<String> KEPT_IN_CACHE = List.of("p_aux", "t_aux", "sc-02-data-tree-r-last",
            Kernels.COMMIT1_OUTPUT, Kernels.COMMIT2_PROOF);
    /** Files of a finalized update cache: what proving the upgraded sector needs. */
    private static final List<String> KEPT_IN_UPDATE_CACHE = List.of("p_aux", "t_aux", "sc-02-data-tree-r-last",
            UpdateKernels.VANILLA_PROOFS, Kernels.UPDATE_PROOF);

    private LongTermMove() {
    }

    /** Moves the job's inputs to its target path and returns where each now is, by file type name. */
    static Map<String, Path> run(Kernels.Job job) throws IOException {
        SectorFiles store = job.target().files();
        Map<FileType, Path> from = new LinkedHashMap<>();
        Map<String, Path> out = new LinkedHashMap<>();
        for (FileType t : TaskFiles.of(job.spec().type).inputs(job.spec().hasDeals())) {
            Path source = job.inputs().get(t);
            if (source == null) {
                continue;
            }
            Path to = store.path(t, job.sector());
            if (!source.equals(to)) {
                Path staged = job.work().resolve(t.name());
                if (SectorFiles.isDirectory(t)) {
                    copyKept(t, source, staged);
                    Kernels.publishDirectory(staged, to);
                } else {
                    Files.copy(source, staged, StandardCopyOption.REPLACE_EXISTING);
                    Kernels.publish(staged, to);
                }
            }
            from.put(t, source);
            out.put(t.name(), to);
        }
        // Only now that the long-term copies are complete may the sealing copies go.
        for (Map.Entry<FileType, Path> e : from.entrySet()) {
            Path to = out.get(e.getKey().name());
            if (SectorFiles.isDirectory(e.getKey())) {
                trim(e.getKey(), to);
            }
            if (!e.getValue().equals(to)) {
                Kernels.deleteTree(e.getValue());
            }
        }
        return out;
    }

    private static void copyKept(FileType t, Path from, Path staged) throws IOException {
        Files.createDirectories(staged);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (kept(t, f.getFileName().toString())) {
                    Files.copy(f, staged.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Drops from a long-term cache directory what proving does not need (a move within one path). */
    private static void trim(FileType t, Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (!kept(t, f.getFileName().toString())) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static boolean kept(FileType t, String name) {
        return (t == FileType.updateCache ? KEPT_IN_UPDATE_CACHE : KEPT_IN_CACHE).stream().anyMatch(name::startsWith);
    }
}
