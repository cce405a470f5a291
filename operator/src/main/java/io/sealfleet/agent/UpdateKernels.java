package io.sealfleet.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealfleet.api.AttemptFailure;
import io.sealfleet.api.SectorTaskSpec;
import io.sealfleet.api.TaskOutputs;
import io.sealfleet.table.FileType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The SnapDeals steps: a committed-capacity sector's replica (the sector key) gets new data encoded
 * into it. ReplicaUpdate writes {@code update} and {@code update-cache}, ProveReplicaUpdate1 proves
 * the encoding (and checks its own proofs before it succeeds), RegenSectorKey recovers the sector key
 * from the update and the data, FinalizeReplicaUpdate moves the upgraded sector to long-term storage.
 * ProveReplicaUpdate2, the SNARK, is not here: it belongs to the worker's prover.
 */
final class UpdateKernels {
    /** ProveReplicaUpdate1's partition proofs, kept in the update cache for ProveReplicaUpdate2. */
    static final String VANILLA_PROOFS = "replica-update-vanilla-proofs.json";

    private UpdateKernels() {
    }

    /** Encodes the new data (the sector's unsealed file) into the sector key (sealed + cache). */
    static TaskOutputs replicaUpdate(Kernels.Job job) throws KernelException, IOException, InterruptedException {
        Path update = job.work().resolve("update");
        Path updateCache = job.work().resolve("update-cache");
        List<String> cmd = Kernels.sealer(job, "update-encode");
        cmd.addAll(List.of("--sector-key", input(job, FileType.sealed), "--sector-key-cache", input(job, FileType.cache),
                "--staged-data", input(job, FileType.unsealed), "--update", update.toString(),
                "--update-cache", updateCache.toString()));
        if (job.spec().commDNew != null) {
            cmd.addAll(List.of("--comm-d", job.spec().commDNew));
        }
        JsonNode r = ChildProcess.json(job.child().run(cmd, job.env(), job.work(), null, job.progress()), "sealer update-encode");
        SectorFiles files = job.target().files();
        Path updateTo = files.path(FileType.update, job.sector());
        Path updateCacheTo = files.path(FileType.updateCache, job.sector());
        Kernels.publishDirectory(updateCache, updateCacheTo);
        Kernels.publish(update, updateTo);
        TaskOutputs o = commitments(r);
        o.files = Kernels.paths(Map.of("update", updateTo, "updateCache", updateCacheTo));
        return o;
    }

    /**
     * The vanilla partition proofs of the update, checked by the independent verifier against the
     * commitments the task carries (those the ReplicaUpdate reported) before the task succeeds.
     */
    static TaskOutputs proveReplicaUpdate1(Kernels.Job job) throws KernelException, IOException, InterruptedException {
        SectorTaskSpec spec = job.spec();
        Path out = job.work().resolve(VANILLA_PROOFS);
        List<String> cmd = Kernels.sealer(job, "update-vanilla-proofs");
        cmd.addAll(List.of("--sector-key", input(job, FileType.sealed), "--sector-key-cache", input(job, FileType.cache),
                "--update", input(job, FileType.update), "--update-cache", input(job, FileType.updateCache),
                "--out", out.toString()));
        optional(cmd, "--comm-r-old", spec.commROld);
        optional(cmd, "--comm-r-new", spec.commRNew);
        optional(cmd, "--comm-d-new", spec.commDNew);
        JsonNode r = ChildProcess.json(job.child().run(cmd, job.env(), job.work(), null, job.progress()),
                "sealer update-vanilla-proofs");
        TaskOutputs o = commitments(r);
        List<String> verify = Kernels.sealer(job, "verify-update-proofs");
        verify.addAll(List.of("--proofs", out.toString(), "--comm-r-old", o.commROld, "--comm-r-new", o.commRNew,
                "--comm-d-new", o.commDNew));
        try {
            JsonNode v = ChildProcess.json(job.child().run(verify, job.env(), job.work(), null, line -> { }),
                    "sealer verify-update-proofs");
            if (!v.path("valid").asBoolean(false)) {
                throw new KernelException(AttemptFailure.KernelFailed, "the ProveReplicaUpdate1 proofs do not verify: " + v);
            }
        } catch (KernelException e) {
            if (e.reason() == AttemptFailure.Stopped) {
                throw e;
            }
            throw new KernelException(AttemptFailure.KernelFailed, "the ProveReplicaUpdate1 proofs do not verify against comm_r_old "
                    + o.commROld + ", comm_r_new " + o.commRNew + ", comm_d_new " + o.commDNew + ": " + e.getMessage());
        }
        Path fin = job.inputs().get(FileType.updateCache).resolve(VANILLA_PROOFS);
        Kernels.publish(out, fin);
        o.files = Kernels.paths(Map.of("proofs", fin));
        return o;
    }

    /**
     * Recovers the sector key from the update and the new data into {@code sealed}, with its
     * tree-r-last and p_aux in the sector's cache. comm_r_old and comm_d_new come from the spec (the
     * ReplicaUpdate's outputs); the kernel refuses them when they do not belong to this replica.
     */
    static TaskOutputs regenSectorKey(Kernels.Job job) throws KernelException, IOException, InterruptedException {
        SectorTaskSpec spec = job.spec();
        if (spec.commROld == null || spec.commDNew == null) {
            throw new KernelException(AttemptFailure.InputMissing, "RegenSectorKey needs spec.commROld and spec.commDNew; copy them from the "
                    + "ReplicaUpdate's status.outputs");
        }
        Path sealed = job.work().resolve("sealed");
        Path keyCache = job.work().resolve("cache");
        List<String> cmd = Kernels.sealer(job, "regen-sector-key");
        cmd.addAll(List.of("--update", input(job, FileType.update), "--update-cache", input(job, FileType.updateCache),
                "--staged-data", input(job, FileType.unsealed), "--comm-d", spec.commDNew, "--comm-r-old", spec.commROld,
                "--sector-key", sealed.toString(), "--sector-key-cache", keyCache.toString()));
        JsonNode r = ChildProcess.json(job.child().run(cmd, job.env(), job.work(), null, job.progress()), "sealer regen-sector-key");
        Path cache = job.inputs().get(FileType.cache);
        Kernels.publishDirectory(keyCache, cache);
        Path sealedTo = job.target().files().path(FileType.sealed, job.sector());
        Kernels.publish(sealed, sealedTo);
        TaskOutputs o = new TaskOutputs();
        o.commR = r.path("commR").asText(null);
        o.files = Kernels.paths(Map.of("sealed", sealedTo, "cache", cache));
        return o;
    }

    /** Moves an upgraded sector to long-term storage ({@link LongTermMove}). */
    static TaskOutputs finalizeReplicaUpdate(Kernels.Job job) throws IOException {
        TaskOutputs o = new TaskOutputs();
        o.files = Kernels.paths(LongTermMove.run(job));
        return o;
    }

    /** The three commitments of an update, as the sealer printed them. */
    private static TaskOutputs commitments(JsonNode r) throws KernelException {
        TaskOutputs o = new TaskOutputs();
        o.commROld = r.path("commROld").asText(null);
        o.commRNew = r.path("commRNew").asText(null);
        o.commDNew = r.path("commDNew").asText(null);
        if (o.commROld == null || o.commRNew == null || o.commDNew == null) {
            throw new KernelException(AttemptFailure.KernelFailed, "the sealer did not report commROld, commRNew and commDNew: " + r);
        }
        return o;
    }

    private static String input(Kernels.Job job, FileType t) {
        return job.inputs().get(t).toString();
    }

    private static void optional(List<String> cmd, String flag, String value) {
        if (value != null) {
            cmd.add(flag);
            cmd.add(value);
        }
    }
}
