package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.sealfleet.table.TaskType;
import java.util.List;

/** What to do for which sector. Identity fields cannot change; inputs such as the seed may be added later. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.type != 'PreCommit1' || has(self.ticket)",
        message = "PreCommit1 needs spec.ticket: the 32-byte sealing randomness from the chain, as 64 lowercase hex digits")
@ValidationRule(value = "!(self.type in ['Commit1', 'Unseal', 'ReadUnsealed']) || has(self.ticket)",
        message = "Commit1, Unseal and ReadUnsealed need spec.ticket, the ticket the sector was sealed with")
@ValidationRule(value = "self.type != 'ReadUnsealed' || has(self.range)",
        message = "ReadUnsealed needs spec.range: the offset and length of the unsealed bytes to read")
@ValidationRule(value = "!has(self.range) || self.type == 'ReadUnsealed'",
        message = "spec.range is only for ReadUnsealed")
@ValidationRule(value = "!has(self.range) || !has(self.range.offset) || !has(self.range.length)"
        + " || self.range.length <= {'2KiB': 2032, '8MiB': 8323072, '512MiB': 532676608, '32GiB': 34091302912,"
        + " '64GiB': 68182605824}[self.sectorSize] - self.range.offset",
        message = "spec.range ends past the sector's data: offset + length may be at most the sector's unpadded size "
                + "(127/128 of the sector size: 2032 bytes for 2KiB, 34091302912 for 32GiB)")
@ValidationRule(value = "!has(self.pieces) || self.type == 'AddPiece'",
        message = "spec.pieces is only for AddPiece; later tasks find the sector's data on the workers")
@ValidationRule(value = "!(has(self.pipeline) && self.pipeline && self.type == 'AddPiece') || has(self.ticket)",
        message = "a pipeline that starts at AddPiece needs spec.ticket for the PreCommit1 it will create")
@ValidationRule(value = "self.type != 'RegenSectorKey' || (has(self.commROld) && has(self.commDNew))",
        message = "RegenSectorKey needs spec.commROld and spec.commDNew: the sector key's comm_r and the new data's comm_d, "
                + "as the ReplicaUpdate reported them in status.outputs")
@ValidationRule(value = "!(has(self.commROld) || has(self.commRNew) || has(self.commDNew))"
        + " || self.type in ['ReplicaUpdate', 'ProveReplicaUpdate1', 'ProveReplicaUpdate2', 'RegenSectorKey', 'FinalizeReplicaUpdate']",
        message = "spec.commROld, spec.commRNew and spec.commDNew are only for the replica-update task types")
@ValidationRule(value = "self.miner == oldSelf.miner && self.sector == oldSelf.sector"
        + " && self.sectorSize == oldSelf.sectorSize && self.type == oldSelf.type",
        message = "miner, sector, sectorSize and type cannot change; create a new SectorTask instead")
public class SectorTaskSpec {
    @Required
    @Pattern(ApiGroup.MINER_PATTERN)
    @JsonPropertyDescription("Miner actor ID that owns the sector, e.g. f01234 (mainnet) or t01234 (test networks).")
    public String miner;

    @Required
    @Min(0)
    @JsonPropertyDescription("Sector number within the miner.")
    public Long sector;

    @Required
    @Pattern(ApiGroup.SECTOR_SIZE_PATTERN)
    @JsonPropertyDescription("Sector size: 2KiB, 8MiB, 512MiB, 32GiB or 64GiB.")
    public String sectorSize;

    @Required
    @JsonPropertyDescription("Task type, as in the Lotus resource table (AddPiece, PreCommit1, PreCommit2, Commit1, Commit2, "
            + "Unseal, ReadUnsealed, Fetch, Finalize, ReplicaUpdate, ProveReplicaUpdate1, ProveReplicaUpdate2, RegenSectorKey, "
            + "FinalizeReplicaUpdate).")
    public TaskType type;

    @Min(0)
    @JsonPropertyDescription("Number of deals in the sector. Sectors with deals are scheduled first, more deals first.")
    public Integer deals;

    @JsonPropertyDescription("Queue priority for this task, replacing the task table's value (AddPiece 6 ... Unseal 1, "
            + "Fetch -1, Finalize -2). Lower runs first; a negative value puts the task in the high-priority tier.")
    public Integer priority;

    @JsonPropertyDescription("GPU the task needs. Without it a GPU task may also run on a CPU-only worker, as in Lotus.")
    public GpuRequirement gpu;

    @Pattern(ApiGroup.HEX32_PATTERN)
    @JsonPropertyDescription("Sealing ticket (chain randomness), 32 bytes as 64 lowercase hex digits of the little-endian bytes.")
    public String ticket;

    @Pattern(ApiGroup.HEX32_PATTERN)
    @JsonPropertyDescription("Interactive seed for Commit1, 32 bytes as 64 lowercase hex digits. A Commit1 without it waits "
            + "(phase Waiting) until it is set.")
    public String seed;

    @JsonPropertyDescription("Pieces AddPiece writes into the sector, in order; the rest is filled with zero pieces. "
            + "Without pieces the sector is committed capacity (all zeros).")
    public List<PieceSpec> pieces;

    @JsonPropertyDescription("ReadUnsealed: the bytes of the sector's data to return, in unpadded bytes (a sector holds "
            + "127/128 of its size: 2032 bytes for 2KiB, 34091302912 for 32GiB), as Lotus's ReadPiece counts them.")
    public ByteRange range;

    @Pattern(ApiGroup.COMM_D_PATTERN)
    @JsonPropertyDescription("ReadUnsealed: the sector's unsealed CID (comm_d, baga6ea4sea...). Needed only for a sector "
            + "without an unsealed copy that is finalized (its cache no longer holds the layers or tree-d, so the key is "
            + "regenerated from the ticket and comm_d) or upgraded (SnapDeals: its new comm_d, the ReplicaUpdate's "
            + "status.outputs.commDNew, against which the data decoded from the update is checked).")
    public String commD;

    @Pattern(ApiGroup.COMM_R_PATTERN)
    @JsonPropertyDescription("Replica update: comm_r of the sector key (the CC replica before the update), as a CID "
            + "(bagboea4b5abc...). RegenSectorKey needs it; ProveReplicaUpdate1 checks its proofs against it. A pipeline "
            + "copies it from the ReplicaUpdate's status.outputs.")
    public String commROld;

    @Pattern(ApiGroup.COMM_R_PATTERN)
    @JsonPropertyDescription("Replica update: comm_r of the updated replica, as a CID. ProveReplicaUpdate1 checks its proofs "
            + "against it. A pipeline copies it from the ReplicaUpdate's status.outputs.")
    public String commRNew;

    @Pattern(ApiGroup.COMM_D_PATTERN)
    @JsonPropertyDescription("Replica update: comm_d of the new data, as a CID (baga6ea4sea...). RegenSectorKey needs it; "
            + "ProveReplicaUpdate1 checks its proofs against it. A pipeline copies it from the ReplicaUpdate's status.outputs.")
    public String commDNew;

    @JsonPropertyDescription("When true, the operator creates the sector's next task when this one succeeds (AddPiece, "
            + "PreCommit1, PreCommit2, Commit1, Commit2, Finalize; ReplicaUpdate, ProveReplicaUpdate1, ProveReplicaUpdate2, "
            + "FinalizeReplicaUpdate). Later tasks are owned by the first.")
    public Boolean pipeline;

    @JsonPropertyDescription("Last task type a pipeline creates, e.g. Commit1 when Commit2 runs elsewhere. "
            + "Omitted: the whole pipeline (through Finalize, or FinalizeReplicaUpdate for a replica update).")
    public TaskType pipelineEnd;

    @JsonPropertyDescription("How often and how soon a failed attempt is retried.")
    public RetryPolicy retry;

    /** Whether the sector holds deals (its unsealed copy is kept and moved with it). */
    @JsonIgnore
    public boolean hasDeals() {
        return deals != null && deals > 0;
    }
}
