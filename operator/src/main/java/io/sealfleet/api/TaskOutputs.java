package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** Results of a finished task. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TaskOutputs {
    @JsonPropertyDescription("Unsealed data commitment (comm_d) as a CID (baga6ea4sea...).")
    public String commD;

    @JsonPropertyDescription("Replica commitment (comm_r) as a CID (bagboea4b5abc...).")
    public String commR;

    @JsonPropertyDescription("ReplicaUpdate: comm_r of the sector key the update was encoded into, as a CID.")
    public String commROld;

    @JsonPropertyDescription("ReplicaUpdate: comm_r of the updated replica (the sector's new sealed CID), as a CID.")
    public String commRNew;

    @JsonPropertyDescription("ReplicaUpdate: comm_d of the new data (the sector's new unsealed CID), as a CID.")
    public String commDNew;

    @JsonPropertyDescription("Replica ID, 32 bytes as lowercase hex.")
    public String replicaId;

    @JsonPropertyDescription("Piece commitments of the pieces AddPiece wrote, as CIDs, in order.")
    public java.util.List<String> pieces;

    @JsonPropertyDescription("Files the task wrote, by kind (unsealed, sealed, cache, update, updateCache, proofs), as paths on the worker.")
    public Map<String, String> files;

    @JsonPropertyDescription("ReadUnsealed: the range read, where the worker serves it and its SHA-256.")
    public RangeOutput range;
}
