package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** A Kubernetes status condition. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {
    @Required
    @JsonPropertyDescription("Condition type, e.g. Ready, Scheduled, Valid.")
    public String type;

    @Required
    @JsonPropertyDescription("True, False or Unknown.")
    public String status;

    @JsonPropertyDescription("CamelCase reason for the condition's last transition.")
    public String reason;

    @JsonPropertyDescription("Details for people.")
    public String message;

    @JsonPropertyDescription("When status last changed (RFC 3339); a new reason or message alone does not move it.")
    public String lastTransitionTime;

    @JsonPropertyDescription("The metadata.generation the condition was set for.")
    public Long observedGeneration;

    public Condition() {
    }

    public Condition(String type, String status, String reason, String message, String lastTransitionTime,
                     Long observedGeneration) {
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.message = message;
        this.lastTransitionTime = lastTransitionTime;
        this.observedGeneration = observedGeneration;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Condition c && Objects.equals(type, c.type) && Objects.equals(status, c.status)
                && Objects.equals(reason, c.reason) && Objects.equals(message, c.message)
                && Objects.equals(lastTransitionTime, c.lastTransitionTime)
                && Objects.equals(observedGeneration, c.observedGeneration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, status, reason, message, lastTransitionTime, observedGeneration);
    }
}
