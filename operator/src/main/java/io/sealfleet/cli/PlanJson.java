package io.sealfleet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sealfleet.scheduler.Assignment;
import io.sealfleet.scheduler.SchedulingPlan;
import io.sealfleet.scheduler.Waiting;
import java.util.List;

/** The JSON that {@code plan} prints: {"assignments":[{task, worker}], "waiting":[{task, reason}]}. */
final class PlanJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    record AssignmentJson(String task, String worker) {
    }

    record WaitingJson(String task, String reason) {
    }

    record Output(List<AssignmentJson> assignments, List<WaitingJson> waiting) {
    }

    private PlanJson() {
    }

    static String render(SchedulingPlan plan) {
        List<AssignmentJson> a = plan.assignments().stream().map((Assignment x) -> new AssignmentJson(x.task(), x.worker())).toList();
        List<WaitingJson> w = plan.waiting().stream().map((Waiting x) -> new WaitingJson(x.task(), x.reason())).toList();
        try {
            return JSON.writeValueAsString(new Output(a, w));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
