package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** A pod toleration, with the fields users set on worker pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Toleration {
    @JsonPropertyDescription("Taint key to tolerate; empty with operator Exists tolerates every taint.")
    public String key;

    @Pattern("^(Exists|Equal)$")
    @JsonPropertyDescription("Exists or Equal (default Equal).")
    public String operator;

    @JsonPropertyDescription("Taint value to match with operator Equal.")
    public String value;

    @Pattern("^(NoSchedule|PreferNoSchedule|NoExecute)$")
    @JsonPropertyDescription("Taint effect to tolerate: NoSchedule, PreferNoSchedule or NoExecute; empty matches all.")
    public String effect;

    @JsonPropertyDescription("How long a NoExecute taint is tolerated, in seconds.")
    public Long tolerationSeconds;
}
