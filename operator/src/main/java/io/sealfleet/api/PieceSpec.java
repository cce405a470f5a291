package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One piece of deal data for AddPiece. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PieceSpec {
    @Required
    @JsonPropertyDescription("Where the worker reads the payload: a path inside the worker pod, or an http(s) URL.")
    public String source;

    @Pattern("^baga6ea4sea[a-z2-7]+$")
    @JsonPropertyDescription("Expected piece commitment (commP) as a CID. When set, AddPiece fails if the payload's commP differs.")
    public String commP;
}
