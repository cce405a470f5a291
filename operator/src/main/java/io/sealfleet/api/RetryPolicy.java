package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** Retries of a failed attempt: the delay doubles from backoffSeconds, capped at maxBackoffSeconds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetryPolicy {
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final int DEFAULT_BACKOFF_SECONDS = 30;
    public static final int DEFAULT_MAX_BACKOFF_SECONDS = 600;

    @Min(1)
    @Default("3")
    @JsonPropertyDescription("Attempts in all, the first included, before the task is Failed. Default 3.")
    public Integer maxAttempts;

    @Min(0)
    @Default("30")
    @JsonPropertyDescription("Delay before the first retry, in seconds; it doubles for each further retry. Default 30.")
    public Integer backoffSeconds;

    @Min(0)
    @Default("600")
    @JsonPropertyDescription("Longest delay between attempts, in seconds. Default 600.")
    public Integer maxBackoffSeconds;
}
