package io.sealfleet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.api.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2025-01-01T00:05:00Z");

    @Test
    void lastTransitionTimeMovesWhenTheStatusChanges() {
        List<Condition> c = Conditions.set(null, Conditions.READY, true, "Ready", "up", 1L, T0);
        c = Conditions.set(c, Conditions.READY, false, "Lost", "no heartbeat", 1L, T1);
        assertThat(Conditions.get(c, Conditions.READY).lastTransitionTime).isEqualTo("2025-01-01T00:05:00Z");
    }

    @Test
    void aNewReasonOrMessageAloneKeepsTheLastTransitionTime() {
        List<Condition> c = Conditions.set(null, Conditions.SCHEDULED, false, "NoWorkers", "no workers", 1L, T0);
        c = Conditions.set(c, Conditions.SCHEDULED, false, "InsufficientMemory", "w1: needs 56 GiB", 2L, T1);
        Condition s = Conditions.get(c, Conditions.SCHEDULED);
        assertThat(s.lastTransitionTime).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(s.reason).isEqualTo("InsufficientMemory");
        assertThat(s.observedGeneration).isEqualTo(2L);
    }

    @Test
    void theConditionClassDocumentsTheSameRule() throws Exception {
        String doc = Condition.class.getField("lastTransitionTime")
                .getAnnotation(com.fasterxml.jackson.annotation.JsonPropertyDescription.class).value();
        assertThat(doc).startsWith("When status last changed").contains("does not move it");
    }
}
