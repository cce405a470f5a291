package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The agent's self-check of the GPU PreCommit2 engine: a 2 KiB sector sealed on both engines, comm_r compared. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GpuEngineCheck {
    public static final String PASSED = "Passed";
    public static final String FAILED = "Failed";

    @JsonPropertyDescription("Passed (comm_r equal: PreCommit2 runs on the GPU) or Failed (the GPU engine is off on this worker).")
    public String result;

    @JsonPropertyDescription("What was compared, or why the check failed.")
    public String message;

    @JsonPropertyDescription("When the check ran (RFC 3339).")
    public String time;
}
