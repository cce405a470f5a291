package io.sealfleet.agent;

import io.sealfleet.api.AttemptFailure;
import io.sealfleet.api.ByteRange;
import io.sealfleet.api.RangeOutput;
import io.sealfleet.api.SectorTaskSpec;
import io.sealfleet.api.TaskOutputs;
import io.sealfleet.table.FileType;
import io.sealfleet.table.SectorSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * ReadUnsealed: a range of the sector's data (unpadded bytes, as Lotus's ReadPiece counts them),
 * written to a file the worker's transfer server serves.
 *
 * <p>The bytes come from the sector's unsealed copy on the path that holds the replica. Without one,
 * the whole sector is unsealed first ({@code sealer unseal}) into the attempt's work directory and
 * published as the sector's unsealed copy in one rename, so no half-written copy ever sits under its
 * name; the copy is kept, as Lotus keeps it, because retrievals of a sector come in bursts and
 * regenerating the key of a finalized sector costs a whole PreCommit1. When the path has no room
 * for the copy, only the range is decoded from the replica and nothing is kept. An upgraded sector
 * (SnapDeals) without an unsealed copy is decoded from its update replica with {@code sealer
 * update-decode} instead, which needs {@code spec.commD} (its new comm_d) and room for the copy.
 */
final class ReadUnsealedKernel {
    private static final String TREE_D = "sc-02-data-tree-d.dat";
    private static final String LAYER = "sc-02-data-layer-";

    private ReadUnsealedKernel() {
    }

    static TaskOutputs run(Kernels.Job job) throws KernelException, IOException, InterruptedException {
        SectorTaskSpec spec = job.spec();
        ByteRange range = spec.range;
        if (range == null || range.offset == null || range.length == null) {
            throw new KernelException(AttemptFailure.InputMissing,
                    "spec.range: ReadUnsealed needs spec.range.offset and spec.range.length");
        }
        String task = Agent.taskOfWorkDir(job.work().getFileName().toString());
        SectorFiles files = job.target().files();
        Path unsealed = files.path(FileType.unsealed, job.sector());
        Path out = ReadRanges.file(files.root(), task);
        Path staged = job.work().resolve("range");
        long sectorBytes = SectorSize.parse(job.sectorSize()).bytes();
        Path update = files.path(FileType.update, job.sector());
        String source;
        if (Files.isRegularFile(unsealed)) {
            reserve(job, task, range.length, out, null);
            cut(job, unsealed, range, staged);
            source = RangeOutput.FROM_UNSEALED_COPY;
        } else {
            // An upgraded sector's data is in the update replica, not in the sector key: unsealing the key
            // would return the committed-capacity zeros.
            boolean upgraded = Files.isRegularFile(update);
            boolean roomForCopy = job.target().space().grow(task, sectorBytes + range.length, List.of(unsealed, out)) == null;
            if (roomForCopy) {
                Path whole = job.work().resolve("unsealed");
                if (upgraded) {
                    decodeUpdate(job, update, whole);
                } else {
                    unseal(job, whole, null);
                }
                Kernels.publish(whole, unsealed);
                cut(job, unsealed, range, staged);
                source = RangeOutput.UNSEALED_NOW;
            } else if (upgraded) {
                throw new KernelException(AttemptFailure.InsufficientStorage, "the path has no room for the unsealed copy of "
                        + io.sealfleet.table.Bytes.format(sectorBytes) + " that reading the upgraded sector " + job.sector()
                        + " needs (its data is decoded from " + update + " whole); free space on the path");
            } else {
                reserve(job, task, range.length, out, "and no room to keep an unsealed copy of "
                        + io.sealfleet.table.Bytes.format(sectorBytes));
                unseal(job, staged, range);
                source = RangeOutput.DECODED_RANGE;
            }
        }
        long written = Files.size(staged);
        if (written != range.length) {
            throw new KernelException(AttemptFailure.KernelFailed,
                    "the sealer wrote " + written + " bytes of the range, not " + range.length);
        }
        RangeOutput r = new RangeOutput();
        r.offset = range.offset;
        r.length = written;
        r.sha256 = FileDigests.compute(staged);
        Kernels.publish(staged, out);
        r.file = out.toString();
        r.url = ReadRanges.url(task);
        r.source = source;
        TaskOutputs o = new TaskOutputs();
        o.range = r;
        Map<String, Path> m = new LinkedHashMap<>();
        m.put("range", out);
        m.put("unsealed", Files.isRegularFile(unsealed) ? unsealed : null);
        o.files = Kernels.paths(m);
        return o;
    }

    private static void reserve(Kernels.Job job, String task, long bytes, Path out, String also) throws IOException, KernelException {
        String shortfall = job.target().space().grow(task, bytes, List.of(out));
        if (shortfall != null) {
            throw new KernelException(AttemptFailure.InsufficientStorage, "the range " + shortfall + (also == null ? "" : " " + also));
        }
    }

    /** The range out of an unsealed copy: {@code sealer read-unsealed} unpads the quanta around it. */
    private static void cut(Kernels.Job job, Path unsealed, ByteRange range, Path out)
            throws KernelException, IOException, InterruptedException {
        List<String> cmd = Kernels.sealer(job, "read-unsealed");
        cmd.addAll(List.of("--unsealed", unsealed.toString(), "--offset", Long.toString(range.offset),
                "--length", Long.toString(range.length), "--out", out.toString()));
        ChildProcess.json(job.child().run(cmd, job.env(), job.work(), null, job.progress()), "sealer read-unsealed");
    }

    /**
     * Decodes an upgraded sector's data from its update replica and sector key ({@code sealer
     * update-decode}); the sealer checks the result's tree-d root against {@code spec.commD}, so a wrong
     * key is an error, never wrong data.
     */
    private static void decodeUpdate(Kernels.Job job, Path update, Path out) throws KernelException, IOException, InterruptedException {
        SectorTaskSpec spec = job.spec();
        if (spec.commD == null) {
            throw new KernelException(AttemptFailure.InputMissing, "spec.commD: sector " + job.sector() + " was upgraded ("
                    + update + ") and has no unsealed copy here; set spec.commD to its new unsealed CID (the ReplicaUpdate's "
                    + "status.outputs.commDNew, baga6ea4sea...) so its data can be decoded from the update");
        }
        List<String> cmd = Kernels.sealer(job, "update-decode");
        cmd.addAll(List.of("--update", update.toString(), "--sector-key", job.inputs().get(FileType.sealed).toString(),
                "--sector-key-cache", job.inputs().get(FileType.cache).toString(), "--comm-d", spec.commD,
                "--threads", Integer.toString(Math.max(1, job.threads())), "--out", out.toString()));
        ChildProcess.json(job.child().run(cmd, job.env(), job.work(), null, job.progress()), "sealer update-decode");
    }

    /**
     * Decodes the replica: the whole padded sector, or with {@code range} only those unpadded bytes.
     * The key is the cache's last layer, or regenerated from the ticket and comm_d where Finalize removed
     * the layers.
     */
    private static void unseal(Kernels.Job job, Path out, ByteRange range) throws KernelException, IOException, InterruptedException {
        SectorTaskSpec spec = job.spec();
        Path cache = job.inputs().get(FileType.cache);
        if (spec.commD == null && !Files.isRegularFile(cache.resolve(TREE_D)) && !hasLayers(cache)) {
            throw new KernelException(AttemptFailure.InputMissing, "spec.commD: the cache of " + job.sector() + " is finalized (no layers, no "
                    + TREE_D + ") and the sector has no unsealed copy here; set spec.commD to the sector's unsealed CID "
                    + "(baga6ea4sea...) so the key can be regenerated from the ticket");
        }
        List<String> cmd = Kernels.sealer(job, "unseal");
        cmd.addAll(List.of("--miner", spec.miner, "--sector", Long.toString(spec.sector), "--ticket", spec.ticket,
                "--cache", cache.toString(), "--sealed", job.inputs().get(FileType.sealed).toString(),
                "--threads", Integer.toString(Math.max(1, job.threads())), "--out", out.toString()));
        if (spec.commD != null) {
            cmd.addAll(List.of("--comm-d", spec.commD));
        }
        if (range != null) {
            cmd.addAll(List.of("--unpadded", "--offset", Long.toString(range.offset), "--length", Long.toString(range.length)));
        }
        ChildProcess.json(job.child().run(cmd, job.env(), job.work(), null, job.progress()), "sealer unseal");
    }

    private static boolean hasLayers(Path cache) throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            return s.anyMatch(f -> f.getFileName().toString().startsWith(LAYER));
        }
    }
}
