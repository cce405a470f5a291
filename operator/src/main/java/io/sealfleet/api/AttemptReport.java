package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * What the worker agent reports about one attempt. The agent is this field's only writer; the
 * operator reads it and moves {@code status.phase}, so the agent never sets a phase itself.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AttemptReport {
    @JsonPropertyDescription("The attempt this report is about; a report for an older attempt is ignored.")
    public Integer attempt;

    @JsonPropertyDescription("The SealingWorker whose agent wrote the report.")
    public String worker;

    @JsonPropertyDescription("Preparing, Running, Succeeded or Failed; never moves backwards within an attempt.")
    public AttemptStage stage;

    @JsonPropertyDescription("Progress of the kernel in percent.")
    public Integer progress;

    @JsonPropertyDescription("When the agent started the attempt (RFC 3339).")
    public String startTime;

    @JsonPropertyDescription("When the attempt succeeded or failed (RFC 3339).")
    public String finishTime;

    @JsonPropertyDescription("Why the attempt failed, CamelCase, e.g. KernelFailed, FetchFailed, InsufficientStorage.")
    public String reason;

    @JsonPropertyDescription("What went wrong, in words a person can act on.")
    public String message;

    @JsonPropertyDescription("What the kernel produced (only on success).")
    public TaskOutputs outputs;

    /** True when this report is about the given attempt on the given worker. */
    public boolean isAbout(Integer attempt, String worker) {
        return this.attempt != null && this.attempt.equals(attempt) && this.worker != null && this.worker.equals(worker);
    }
}
