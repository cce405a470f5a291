package io.sealfleet.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealfleet.agent.prover.ProofRequest;
import io.sealfleet.agent.prover.Prover;
import io.sealfleet.api.AttemptFailure;
import io.sealfleet.api.PieceSpec;
import io.sealfleet.api.SectorTaskSpec;
import io.sealfleet.api.TaskOutputs;
import io.sealfleet.table.FileType;
import io.sealfleet.table.TaskType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What each task type runs. Outputs are written into the attempt's work directory and published
 * under their final Lotus names only when the kernel has finished, so a killed attempt leaves no
 * half-made file where the next task would take it for finished work.
 */
final class Kernels {
    static final String COMMIT1_OUTPUT = "commit1-output.json";
    static final String COMMIT2_PROOF = "commit2-proof";
    /** ProveReplicaUpdate2's proof bytes in the update cache. */
    static final String UPDATE_PROOF = "update-proof";

    /**
     * Everything a kernel step needs for one task attempt; {@code pc2Engine} is {@code gpu} only once the
     * agent's check of the GPU engine has passed (a wrong comm_r would seal sectors the chain rejects).
     */
    record Job(SectorTaskSpec spec, SectorName sector, String sectorSize, LocalStorage.Entry target, Path work,
               Map<FileType, Path> inputs, Path sealer, Map<String, String> env, int threads, String pc2Engine,
               Prover prover,
               ChildProcess child, Consumer<String> progress) {
    }

    private Kernels() {
    }

    static TaskOutputs run(Job job) throws KernelException, IOException, InterruptedException {
        return switch (job.spec().type) {
            case AddPiece -> addPiece(job);
            case PreCommit1 -> preCommit1(job);
            case PreCommit2 -> preCommit2(job);
            case Commit1 -> commit1(job);
            case Commit2 -> commit2(job);
            case Finalize -> finalizeSector(job);
            case Unseal -> unseal(job);
            case Fetch -> files(Map.of("cache", job.inputs().get(FileType.cache), "sealed", job.inputs().get(FileType.sealed)));
            case ReplicaUpdate -> UpdateKernels.replicaUpdate(job);
            case ProveReplicaUpdate1 -> UpdateKernels.proveReplicaUpdate1(job);
            case RegenSectorKey -> UpdateKernels.regenSectorKey(job);
            case FinalizeReplicaUpdate -> UpdateKernels.finalizeReplicaUpdate(job);
            case ReadUnsealed -> ReadUnsealedKernel.run(job);
            case ProveReplicaUpdate2 -> proveReplicaUpdate2(job);
        };
    }

    private static TaskOutputs addPiece(Job job) throws KernelException, IOException, InterruptedException {
        List<PieceSpec> pieces = job.spec().pieces == null ? List.of() : job.spec().pieces;
        if (pieces.isEmpty()) {
            return committedCapacity(job);
        }
        List<String> cmd = sealer(job, "add-piece");
        for (int i = 0; i < pieces.size(); i++) {
            cmd.add("--input");
            cmd.add(pieceFile(job, i, pieces.get(i)).toString());
        }
        Path out = job.work().resolve("unsealed");
        cmd.addAll(List.of("--unsealed", out.toString()));
        JsonNode r = ChildProcess.json(job.child().run(cmd, job.env(), job.work(), null, job.progress()), "sealer add-piece");
        TaskOutputs o = new TaskOutputs();
        o.commD = r.path("commD").asText(null);
        o.pieces = new ArrayList<>();
        for (JsonNode p : r.path("pieces")) {
            if (!p.path("filler").asBoolean(false)) {
                o.pieces.add(p.path("commP").asText());
            }
        }
        for (int i = 0; i < pieces.size() && i < o.pieces.size(); i++) {
            String expected = pieces.get(i).commP;
            if (expected != null && !expected.equals(o.pieces.get(i))) {
                throw new KernelException(AttemptFailure.CommPMismatch, "spec.pieces[" + i + "]: the payload's commP is " + o.pieces.get(i)
                        + ", not the expected " + expected);
            }
        }
        Path fin = job.target().files().path(FileType.unsealed, job.sector());
        publish(out, fin);
        o.files = Map.of("unsealed", fin.toString());
        return o;
    }

    /**
     * A sector without deals is all zero pieces, and fr32-padded zeros are zeros: its unsealed file
     * is the sector size of zero bytes (written sparse). PreCommit1 reports its comm_d.
     */
    private static TaskOutputs committedCapacity(Job job) throws IOException {
        Path out = job.work().resolve("unsealed");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(out.toFile(), "rw")) {
            f.setLength(io.sealfleet.table.SectorSize.parse(job.sectorSize()).bytes());
            f.getFD().sync();
        }
        Path fin = job.target().files().path(FileType.unsealed, job.sector());
        publish(out, fin);
        TaskOutputs o = new TaskOutputs();
        o.pieces = List.of();
        o.files = Map.of("unsealed", fin.toString());
        return o;
    }

    private static TaskOutputs preCommit1(Job job) throws KernelException, IOException, InterruptedException {
        List<String> cmd = sealer(job, "pc1");
        cmd.addAll(List.of("--miner", job.spec().miner, "--sector", Long.toString(job.spec().sector), "--ticket", job.spec().ticket,
                "--unsealed", job.inputs().get(FileType.unsealed).toString(), "--cache", job.work().resolve("cache").toString(),
                "--threads", Integer.toString(Math.max(1, job.threads()))));
        Files.createDirectories(job.work().resolve("cache"));
        JsonNode r = ChildProcess.json(job.child().run(cmd, job.env(), job.work(), null, job.progress()), "sealer pc1");
        Path cache = job.target().files().path(FileType.cache, job.sector());
        publishDirectory(job.work().resolve("cache"), cache);
        TaskOutputs o = new TaskOutputs();
        o.commD = r.path("commD").asText(null);
        o.replicaId = r.path("replicaId").asText(null);
        o.files = Map.of("cache", cache.toString(), "unsealed", job.inputs().get(FileType.unsealed).toString());
        return o;
    }

    private static TaskOutputs preCommit2(Job job) throws KernelException, IOException, InterruptedException {
        Path cache = job.inputs().get(FileType.cache);
        removeDeadTemporaries(cache);
        Path out = job.work().resolve("sealed");
        List<String> cmd = sealer(job, "pc2");
        cmd.addAll(List.of("--cache", cache.toString(), "--unsealed", job.inputs().get(FileType.unsealed).toString(),
                "--sealed", out.toString(), "--threads", Integer.toString(Math.max(1, job.threads())),
                "--engine", job.pc2Engine()));
        JsonNode r = ChildProcess.json(job.child().run(cmd, job.env(), job.work(), null, job.progress()), "sealer pc2");
        Path sealed = cache.getParent().getParent().resolve(SectorFiles.dirName(FileType.sealed)).resolve(job.sector().toString());
        publish(out, sealed);
        TaskOutputs o = new TaskOutputs();
        o.commR = r.path("commR").asText(null);
        o.commD = r.path("commD").asText(null);
        o.files = Map.of("sealed", sealed.toString(), "cache", cache.toString());
        return o;
    }

    /**
     * PC2 writes its trees into the sector's cache directory under {@code <name>.tmp.<pid>}; a run killed
     * with its agent leaves them there, where they would be copied and even kept by Finalize. Those of
     * sealer processes that no longer run are removed before the next run.
     */
    static void removeDeadTemporaries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        java.util.regex.Pattern tmp = java.util.regex.Pattern.compile(".+\\.tmp\\.(\\d{1,18})");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                java.util.regex.Matcher m = tmp.matcher(f.getFileName().toString());
                if (m.matches() && !ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static TaskOutputs commit1(Job job) throws KernelException, IOException, InterruptedException {
        Path cache = job.inputs().get(FileType.cache);
        Path out = job.work().resolve(COMMIT1_OUTPUT);
        List<String> cmd = sealer(job, "c1");
        cmd.addAll(List.of("--miner", job.spec().miner, "--sector", Long.toString(job.spec().sector), "--ticket", job.spec().ticket,
                "--seed", job.spec().seed, "--cache", cache.toString(), "--sealed", job.inputs().get(FileType.sealed).toString(),
                "--out", out.toString()));
        ChildProcess.json(job.child().run(cmd, job.env(), job.work(), null, job.progress()), "sealer c1");
        Path fin = cache.resolve(COMMIT1_OUTPUT);
        publish(out, fin);
        return files(Map.of("commit1", fin));
    }

    private static TaskOutputs commit2(Job job) throws KernelException, IOException, InterruptedException {
        Path cache = job.inputs().get(FileType.cache);
        byte[] proof = prove(job, cache.resolve(COMMIT1_OUTPUT), "Commit1");
        Path out = job.work().resolve(COMMIT2_PROOF);
        Files.write(out, proof);
        Path fin = cache.resolve(COMMIT2_PROOF);
        publish(out, fin);
        return files(Map.of("proof", fin));
    }

    private static TaskOutputs proveReplicaUpdate2(Job job) throws KernelException, IOException, InterruptedException {
        Path updateCache = job.inputs().get(FileType.updateCache);
        byte[] proof = prove(job, updateCache.resolve(UpdateKernels.VANILLA_PROOFS), "ProveReplicaUpdate1");
        Path out = job.work().resolve(UPDATE_PROOF);
        Files.write(out, proof);
        Path fin = updateCache.resolve(UPDATE_PROOF);
        publish(out, fin);
        return files(Map.of("proof", fin));
    }

    /** Hands the vanilla proofs to the worker's prover adapter (spec.externalProver) and returns the SNARK's bytes. */
    private static byte[] prove(Job job, Path vanilla, String producedBy) throws KernelException, IOException, InterruptedException {
        TaskType type = job.spec().type;
        if (job.prover() == null) {
            throw new KernelException(AttemptFailure.NoExternalProver, "this worker has no spec.externalProver for " + type);
        }
        if (!job.prover().types().contains(type)) {
            throw new KernelException(AttemptFailure.NotSupported, job.prover().refusal(type));
        }
        if (!Files.isRegularFile(vanilla)) {
            throw new KernelException(AttemptFailure.InputMissing, "the " + producedBy + " output " + vanilla + " is missing; run "
                    + producedBy + " first");
        }
        ProofRequest request = new ProofRequest(type, vanilla, job.spec().miner, job.spec().sector,
                io.sealfleet.table.SectorSize.parse(job.sectorSize()), job.work());
        return job.prover().prove(request, (cmd, dir, in) -> job.child().run(cmd, job.env(), dir, in, job.progress()));
    }

    private static TaskOutputs unseal(Job job) throws KernelException, IOException, InterruptedException {
        Path out = job.work().resolve("unsealed");
        List<String> cmd = sealer(job, "unseal");
        cmd.addAll(List.of("--miner", job.spec().miner, "--sector", Long.toString(job.spec().sector), "--ticket", job.spec().ticket,
                "--cache", job.inputs().get(FileType.cache).toString(), "--sealed", job.inputs().get(FileType.sealed).toString(),
                "--out", out.toString()));
        ChildProcess.json(job.child().run(cmd, job.env(), job.work(), null, job.progress()), "sealer unseal");
        Path fin = job.target().files().path(FileType.unsealed, job.sector());
        publish(out, fin);
        return files(Map.of("unsealed", fin));
    }

    /**
     * Moves the sector to long-term storage ({@link LongTermMove}); a sector whose unsealed copy is not
     * kept (no deals) leaves none on its sealing path either.
     */
    private static TaskOutputs finalizeSector(Job job) throws IOException {
        Map<String, Path> out = LongTermMove.run(job);
        if (!out.containsKey(FileType.unsealed.name())) {
            Path sealingPath = job.inputs().get(FileType.cache).getParent().getParent();
            Files.deleteIfExists(sealingPath.resolve(SectorFiles.dirName(FileType.unsealed)).resolve(job.sector().toString()));
        }
        return files(out);
    }

    private static TaskOutputs files(Map<String, Path> files) {
        TaskOutputs o = new TaskOutputs();
        o.files = paths(files);
        return o;
    }

    /** {@code status.outputs.files}: where each output is, by name; an absent one (null) is left out. */
    static Map<String, String> paths(Map<String, Path> files) {
        Map<String, String> m = new LinkedHashMap<>();
        files.forEach((k, v) -> {
            if (v != null) {
                m.put(k, v.toString());
            }
        });
        return m;
    }

    /** The sealer command line for one subcommand, at the task's sector size; callers add the rest. */
    static List<String> sealer(Job job, String sub) {
        List<String> cmd = new ArrayList<>();
        cmd.add(job.sealer().toString());
        cmd.add(sub);
        cmd.add("--sector-size");
        cmd.add(job.sectorSize());
        return cmd;
    }

    /** A piece payload: a file the worker can read, or an http(s) URL downloaded into the work directory. */
    private static Path pieceFile(Job job, int i, PieceSpec piece) throws KernelException, IOException, InterruptedException {
        String src = piece.source;
        if (src.startsWith("http://") || src.startsWith("https://")) {
            Path out = job.work().resolve("piece-" + i);
            HttpResponse<Path> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(src)).build(),
                    HttpResponse.BodyHandlers.ofFile(out));
            if (r.statusCode() != 200) {
                throw new KernelException(AttemptFailure.InputMissing, "spec.pieces[" + i + "].source: " + src + " answered " + r.statusCode());
            }
            return out;
        }
        Path p = Path.of(src.startsWith("file://") ? URI.create(src).getPath() : src).toAbsolutePath();
        if (!Files.isRegularFile(p)) {
            throw new KernelException(AttemptFailure.InputMissing, "spec.pieces[" + i + "].source: " + p + " is not a readable file");
        }
        return p;
    }

    static void publish(Path staged, Path fin) throws IOException {
        Files.createDirectories(fin.getParent());
        AtomicFiles.publish(staged, fin);
    }

    /** Moves each finished file of a staged directory into the final directory, one rename each. */
    static void publishDirectory(Path staged, Path fin) throws IOException {
        Files.createDirectories(fin);
        try (Stream<Path> files = Files.list(staged)) {
            for (Path f : files.toList()) {
                AtomicFiles.publish(f, fin.resolve(f.getFileName()));
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
