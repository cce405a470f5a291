package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** What happened to the task: where it runs, why it waits, what it produced. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SectorTaskStatus {
    @JsonPropertyDescription("Pending, Waiting, Backoff, Scheduled, Preparing, Running, Succeeded or Failed (for good). "
            + "Set by the operator only.")
    public TaskPhase phase;

    @JsonPropertyDescription("The SealingWorker the task is bound to (set by the scheduler).")
    public String worker;

    @JsonPropertyDescription("Storage path ID on the worker where the task's files are allocated.")
    public String path;

    @JsonPropertyDescription("Attempt number, 1 for the first. Only the current attempt may report progress.")
    public Integer attempt;

    @JsonPropertyDescription("Short CamelCase reason for the current phase, e.g. InsufficientMemory, WaitingForSeed.")
    public String reason;

    @JsonPropertyDescription("Why the task is not running, or what went wrong, in words a person can act on.")
    public String message;

    @JsonPropertyDescription("Progress of the running kernel in percent.")
    public Integer progress;

    @JsonPropertyDescription("When the current attempt started running (RFC 3339).")
    public String startTime;

    @JsonPropertyDescription("When the task succeeded or failed (RFC 3339).")
    public String finishTime;

    @JsonPropertyDescription("Earliest time the next attempt may be scheduled after a failure (RFC 3339).")
    public String retryAfter;

    @JsonPropertyDescription("Attempts that failed so far; the retry policy's maxAttempts counts these. An attempt "
            + "taken back from a lost worker does not count.")
    public Integer failures;

    @JsonPropertyDescription("The last failed attempt: its number, worker, reason and message as the agent reported them.")
    public String lastFailure;

    @JsonPropertyDescription("The worker agent's report on its attempt; the agent is its only writer.")
    public AttemptReport report;

    @JsonPropertyDescription("What the kernel produced: commitments as CIDs and file locations.")
    public TaskOutputs outputs;

    @JsonPropertyDescription("The generation of the spec this status was computed from.")
    public Long observedGeneration;

    @JsonPropertyDescription("Kubernetes conditions: Scheduled, Succeeded, Valid.")
    public List<Condition> conditions = new ArrayList<>();
}
