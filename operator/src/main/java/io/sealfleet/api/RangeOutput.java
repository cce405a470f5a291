package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where a ReadUnsealed task left its bytes, and how they were obtained. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RangeOutput {
    /** Read from the unsealed copy the worker already had. */
    public static final String FROM_UNSEALED_COPY = "UnsealedCopy";
    /** Unsealed from the sealed replica first; the unsealed copy is kept next to the replica. */
    public static final String UNSEALED_NOW = "UnsealedNow";
    /** Only the range decoded from the replica: the path had no room to keep an unsealed copy. */
    public static final String DECODED_RANGE = "DecodedRange";

    @JsonPropertyDescription("First byte, in unpadded bytes of the sector's data (spec.range.offset).")
    public Long offset;

    @JsonPropertyDescription("Number of bytes (spec.range.length).")
    public Long length;

    @JsonPropertyDescription("SHA-256 of the bytes, lowercase hex.")
    public String sha256;

    @JsonPropertyDescription("Path of the bytes on the worker's transfer server, under the SealingWorker's status.endpoint: "
            + "GET it with the cluster's transfer token (Authorization: Bearer); Range: bytes=N- resumes.")
    public String url;

    @JsonPropertyDescription("The file on the worker that holds the bytes; removed when the SectorTask is deleted.")
    public String file;

    @JsonPropertyDescription("How the bytes were obtained: UnsealedCopy (the worker's unsealed copy), UnsealedNow (unsealed "
            + "from the replica first, the unsealed copy kept), DecodedRange (only the range decoded: no room for a copy).")
    public String source;
}
