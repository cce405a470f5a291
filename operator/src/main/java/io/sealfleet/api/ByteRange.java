package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/**
 * A byte range of the sector's data, in unpadded bytes as Lotus's ReadPiece takes them: byte 0 is the
 * first data byte, and the sector holds {@code SectorSize.unpaddedBytes()} of them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ByteRange {
    @Required
    @Min(0)
    @JsonPropertyDescription("First byte, counted in unpadded bytes from the start of the sector.")
    public Long offset;

    @Required
    @Min(1)
    @JsonPropertyDescription("Number of unpadded bytes to read.")
    public Long length;
}
