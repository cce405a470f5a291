package io.sealfleet.api.validation;

import io.sealfleet.api.ApiGroup;
import io.sealfleet.api.ByteRange;
import io.sealfleet.api.GpuRequirement;
import io.sealfleet.api.PieceSpec;
import io.sealfleet.api.RetryPolicy;
import io.sealfleet.api.SectorTaskSpec;
import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/** The SectorTask CRD's schema and CEL rules (all but the oldSelf one, which needs the stored object). */
final class SectorTaskSpecRules {
    private static final Pattern MINER = Pattern.compile(ApiGroup.MINER_PATTERN);
    private static final Pattern HEX32 = Pattern.compile(ApiGroup.HEX32_PATTERN);
    private static final Pattern SECTOR_SIZE = Pattern.compile(ApiGroup.SECTOR_SIZE_PATTERN);
    private static final Pattern COMMP = Pattern.compile(ApiGroup.COMM_D_PATTERN);
    private static final Pattern COMM_R = Pattern.compile(ApiGroup.COMM_R_PATTERN);
    private static final Set<TaskType> UPDATE_TYPES = EnumSet.of(TaskType.ReplicaUpdate, TaskType.ProveReplicaUpdate1,
            TaskType.ProveReplicaUpdate2, TaskType.RegenSectorKey, TaskType.FinalizeReplicaUpdate);
    private static final Set<TaskType> NEED_SEALED_TICKET =
            EnumSet.of(TaskType.Commit1, TaskType.Unseal, TaskType.ReadUnsealed);
    private static final String TICKET_FIX = "set spec.ticket to the 32-byte ticket as 64 lowercase hex digits";

    private SectorTaskSpecRules() {
    }

    static void check(SectorTaskSpec spec, FieldErrors errors) {
        errors.required("spec.miner", spec.miner, "set the miner actor ID, e.g. f01234");
        errors.matches("spec.miner", spec.miner, MINER,
                "write the miner actor ID as f0 or t0 followed by the actor number, e.g. f01234 (not f1234)");
        if (errors.required("spec.sector", spec.sector, "set the sector number")) {
            errors.atLeast("spec.sector", spec.sector, 0, "sector numbers start at 0");
        }
        errors.required("spec.sectorSize", spec.sectorSize, "set one of 2KiB, 8MiB, 512MiB, 32GiB, 64GiB");
        errors.matches("spec.sectorSize", spec.sectorSize, SECTOR_SIZE,
                "use one of 2KiB, 8MiB, 512MiB, 32GiB, 64GiB");
        errors.required("spec.type", spec.type, "set the task type, e.g. PreCommit1");
        errors.atLeast("spec.deals", spec.deals, 0, "write the number of deals, 0 for committed capacity");
        errors.matches("spec.ticket", spec.ticket, HEX32, TICKET_FIX + " (exactly 64)");
        errors.matches("spec.seed", spec.seed, HEX32, "set spec.seed to the 32-byte seed as exactly 64 lowercase hex digits");
        errors.matches("spec.commROld", spec.commROld, COMM_R, "write the sector key's comm_r as a CID (bagboea4b5abc...)");
        errors.matches("spec.commRNew", spec.commRNew, COMM_R, "write the updated replica's comm_r as a CID (bagboea4b5abc...)");
        errors.matches("spec.commDNew", spec.commDNew, COMMP, "write the new data's comm_d as a CID (baga6ea4sea...)");
        gpu(spec.gpu, errors);
        pieces(spec, errors);
        range(spec, errors);
        errors.matches("spec.commD", spec.commD, COMMP, "write the sector's unsealed CID (baga6ea4sea...) or leave commD out");
        retry(spec.retry, errors);
        inputsOfTheType(spec, errors);
    }

    /** The CEL rules on the spec: which inputs each task type needs or must not have. */
    private static void inputsOfTheType(SectorTaskSpec spec, FieldErrors errors) {
        if (spec.type == TaskType.PreCommit1 && spec.ticket == null) {
            errors.add("spec.ticket", "PreCommit1 needs the sealing ticket (chain randomness); " + TICKET_FIX);
        }
        if (NEED_SEALED_TICKET.contains(spec.type) && spec.ticket == null) {
            errors.add("spec.ticket", spec.type + " needs the ticket the sector was sealed with; " + TICKET_FIX);
        }
        if (spec.type == TaskType.ReadUnsealed && spec.range == null) {
            errors.add("spec.range", "ReadUnsealed needs the bytes to read; set spec.range.offset and spec.range.length");
        }
        if (spec.pieces != null && spec.type != TaskType.AddPiece) {
            errors.add("spec.pieces", "only AddPiece takes pieces; remove spec.pieces from this " + spec.type
                    + " (later tasks find the sector's data on the workers)");
        }
        if (spec.type == TaskType.RegenSectorKey) {
            String from = "; copy it from the ReplicaUpdate's status.outputs";
            if (spec.commROld == null) {
                errors.add("spec.commROld", "RegenSectorKey needs the sector key's comm_r" + from + ".commROld");
            }
            if (spec.commDNew == null) {
                errors.add("spec.commDNew", "RegenSectorKey needs the new data's comm_d" + from + ".commDNew");
            }
        }
        if (spec.type != null && !UPDATE_TYPES.contains(spec.type)) {
            for (String[] f : new String[][] {{"spec.commROld", spec.commROld}, {"spec.commRNew", spec.commRNew},
                    {"spec.commDNew", spec.commDNew}}) {
                if (f[1] != null) {
                    errors.add(f[0], "only the replica-update task types take it; remove it from this " + spec.type);
                }
            }
        }
        if (Boolean.TRUE.equals(spec.pipeline) && spec.type == TaskType.AddPiece && spec.ticket == null) {
            errors.add("spec.ticket", "a pipeline starting at AddPiece creates a PreCommit1, which needs the ticket; "
                    + TICKET_FIX + " or remove spec.pipeline");
        }
    }

    private static void gpu(GpuRequirement gpu, FieldErrors errors) {
        if (gpu != null) {
            errors.atLeast("spec.gpu.minMemoryMiB", gpu.minMemoryMiB, 0, "write the GPU memory in MiB, e.g. 24576");
        }
    }

    private static void pieces(SectorTaskSpec spec, FieldErrors errors) {
        if (spec.pieces == null) {
            return;
        }
        for (int i = 0; i < spec.pieces.size(); i++) {
            PieceSpec piece = spec.pieces.get(i);
            String at = "spec.pieces[" + i + "]";
            if (errors.required(at, piece, "remove the empty list item or give it a source")) {
                errors.required(at + ".source", piece.source, "set the payload's path in the worker pod or its http(s) URL");
                errors.matches(at + ".commP", piece.commP, COMMP, "write the piece CID (baga6ea4sea...) or leave commP out");
            }
        }
    }

    private static void range(SectorTaskSpec spec, FieldErrors errors) {
        ByteRange range = spec.range;
        if (range == null) {
            return;
        }
        if (spec.type != null && spec.type != TaskType.ReadUnsealed) {
            errors.add("spec.range", "only ReadUnsealed reads a range; remove spec.range from this " + spec.type);
        }
        if (errors.required("spec.range.offset", range.offset, "set the first unpadded byte to read, 0 for the start")) {
            errors.atLeast("spec.range.offset", range.offset, 0, "offsets count from 0");
        }
        if (errors.required("spec.range.length", range.length, "set the number of unpadded bytes to read")) {
            errors.atLeast("spec.range.length", range.length, 1, "read at least one byte");
        }
        if (range.offset != null && range.offset >= 0 && range.length != null && range.length >= 1
                && spec.sectorSize != null && SECTOR_SIZE.matcher(spec.sectorSize).matches()) {
            SectorSize size = SectorSize.parse(spec.sectorSize);
            long data = size.unpaddedBytes();
            if (range.length > data - range.offset) {
                errors.add("spec.range", "offset " + range.offset + " + length " + range.length + " ends past the "
                        + size.label() + " sector's " + data + " unpadded bytes (127/128 of the sector size); "
                        + "read at most " + Math.max(0, data - range.offset) + " bytes from this offset");
            }
        }
    }

    private static void retry(RetryPolicy retry, FieldErrors errors) {
        if (retry == null) {
            return;
        }
        errors.atLeast("spec.retry.maxAttempts", retry.maxAttempts, 1, "count the first attempt too; 1 means no retry");
        errors.atLeast("spec.retry.backoffSeconds", retry.backoffSeconds, 0, "write the delay in seconds");
        errors.atLeast("spec.retry.maxBackoffSeconds", retry.maxBackoffSeconds, 0, "write the delay in seconds");
    }
}
