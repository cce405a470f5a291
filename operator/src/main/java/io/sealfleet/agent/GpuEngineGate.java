package io.sealfleet.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealfleet.api.GpuEngineCheck;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The agent's check of the GPU PreCommit2 engine before it trusts it with a sector: a 2 KiB
 * committed-capacity sector is sealed through PreCommit1 once, then PreCommit2 runs on copies of its
 * cache on the CPU engine and on the GPU engine, and the two comm_r are compared. Anything but an equal
 * comm_r from both (a different root, a GPU run that fails) fails the check, and the worker's
 * PreCommit2 stays on the CPU engine: a wrong comm_r would seal sectors the chain rejects. The check
 * runs once per agent; its result is reported in {@code status.agent.pc2GpuCheck}.
 */
final class GpuEngineGate {
    private static final String SIZE = "2KiB";
    private static final String TICKET = "5e".repeat(32);

    private final Path sealer;
    private final Path scratch;
    private final OpenFilesLimit openFiles;
    private final Supplier<String> clock;
    private volatile GpuEngineCheck result;

    /**
     * @param scratch a directory the check may create and remove
     * @param clock   the current time in RFC 3339
     */
    GpuEngineGate(Path sealer, Path scratch, OpenFilesLimit openFiles, Supplier<String> clock) {
        this.sealer = sealer;
        this.scratch = scratch;
        this.openFiles = openFiles;
        this.clock = clock;
    }

    /** The check's result, null before it ran. */
    GpuEngineCheck result() {
        return result;
    }

    /** Runs the check unless it ran; returns whether PreCommit2 may use the GPU engine. */
    synchronized boolean passed(Map<String, String> env, Consumer<String> log) throws InterruptedException {
        if (result == null) {
            result = run(env);
            log.accept("PreCommit2 GPU engine check " + result.result + ": " + result.message);
        }
        return GpuEngineCheck.PASSED.equals(result.result);
    }

    private GpuEngineCheck run(Map<String, String> env) throws InterruptedException {
        GpuEngineCheck r = new GpuEngineCheck();
        r.time = clock.get();
        Path dir = scratch.resolve("gpu-engine-check");
        try {
            Kernels.deleteTree(dir);
            Files.createDirectories(dir.resolve("cache"));
            Path unsealed = dir.resolve("unsealed");
            try (RandomAccessFile f = new RandomAccessFile(unsealed.toFile(), "rw")) {
                f.setLength(2048);
            }
            run(env, dir, List.of("pc1", "--miner", "f01000", "--sector", "1", "--ticket", TICKET, "--unsealed",
                    unsealed.toString(), "--cache", dir.resolve("cache").toString(), "--threads", "1"));
            String cpu = commR(env, dir, "cpu");
            String gpu;
            try {
                gpu = commR(env, dir, "gpu");
            } catch (KernelException e) {
                r.result = GpuEngineCheck.FAILED;
                r.message = "the GPU engine did not seal the 2 KiB check sector: " + e.getMessage();
                return r;
            }
            if (cpu != null && cpu.equals(gpu)) {
                r.result = GpuEngineCheck.PASSED;
                r.message = "a 2 KiB sector sealed on the GPU and the CPU engine has the same comm_r " + cpu;
            } else {
                r.result = GpuEngineCheck.FAILED;
                r.message = "a 2 KiB sector sealed on the GPU engine has comm_r " + gpu + ", on the CPU engine " + cpu
                        + "; the GPU engine computes wrong trees on this worker";
            }
        } catch (KernelException | IOException e) {
            r.result = GpuEngineCheck.FAILED;
            r.message = "the check could not run on the CPU engine, so the GPU engine cannot be trusted: " + e.getMessage();
        } finally {
            try {
                Kernels.deleteTree(dir);
            } catch (IOException ignored) {
                // A leftover scratch directory is removed before the next check.
            }
        }
        return r;
    }

    private String commR(Map<String, String> env, Path dir, String engine) throws KernelException, IOException, InterruptedException {
        Path cache = dir.resolve("cache-" + engine);
        Files.createDirectories(cache);
        try (var files = Files.list(dir.resolve("cache"))) {
            for (Path f : files.toList()) {
                Files.copy(f, cache.resolve(f.getFileName()));
            }
        }
        JsonNode out = run(env, dir, List.of("pc2", "--cache", cache.toString(), "--unsealed", dir.resolve("unsealed").toString(),
                "--sealed", dir.resolve("sealed-" + engine).toString(), "--threads", "1", "--engine", engine));
        return out.path("commR").asText(null);
    }

    private JsonNode run(Map<String, String> env, Path dir, List<String> args)
            throws KernelException, IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(sealer.toString(), args.get(0), "--sector-size", SIZE));
        cmd.addAll(args.subList(1, args.size()));
        return ChildProcess.json(new ChildProcess(openFiles).run(cmd, env, dir, null, line -> { }), "sealer " + args.get(0));
    }
}
