package io.sealfleet.agent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.sealfleet.api.AttemptReport;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.kube.StatusWriter;
import java.util.function.Consumer;

/**
 * Writes the agent's report on one attempt ({@code status.report}, the only status field the agent
 * writes): re-reads the task, and changes the report only while {@code status.worker} and
 * {@code status.attempt} are still this agent's (the operator may have taken it back) and the
 * attempt has not finished. The report's stage never moves back: an agent restarted in the middle of
 * an attempt keeps the stage its predecessor reached. Conditional on the version read, so a
 * concurrent change is never overwritten.
 */
final class TaskStatusUpdater {
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ResourceDefinitionContext TASKS = ResourceDefinitionContext.fromResourceType(SectorTask.class);
    private final KubernetesClient client;
    private final StatusWriter writer;

    TaskStatusUpdater(KubernetesClient client) {
        this.client = client;
        this.writer = new StatusWriter(client);
    }

    /** @return false when the task is gone, no longer bound to this worker and attempt, or that attempt has finished */
    boolean update(String namespace, String name, String worker, int attempt, Consumer<AttemptReport> change) {
        for (int tries = 0; tries < 8; tries++) {
            GenericKubernetesResource current = client.genericKubernetesResources(TASKS).inNamespace(namespace).withName(name).get();
            if (current == null) {
                return false;
            }
            SectorTaskStatus status = status(current);
            if (status == null || !worker.equals(status.worker) || status.attempt == null || status.attempt != attempt) {
                return false;
            }
            if (status.phase != null && status.phase.isFinished()) {
                // The attempt is over (a run started from a stale cache must not turn a Succeeded task back).
                return false;
            }
            AttemptReport before = status.report != null && status.report.isAbout(attempt, worker) ? status.report : null;
            if (before != null && before.stage != null && before.stage.isFinished()) {
                return false;
            }
            AttemptReport report = before != null ? MAPPER.convertValue(before, AttemptReport.class) : new AttemptReport();
            report.attempt = attempt;
            report.worker = worker;
            change.accept(report);
            if (before != null && before.stage != null && (report.stage == null || report.stage.compareTo(before.stage) < 0)) {
                report.stage = before.stage;
            }
            status.report = report;
            StatusWriter.Result r = writer.write(TASKS, current, status);
            switch (r.outcome()) {
                case WRITTEN, UNCHANGED -> {
                    return true;
                }
                case GONE -> {
                    return false;
                }
                case CONFLICT -> {
                    // Someone else wrote in between: read again and decide again.
                }
            }
        }
        return false;
    }

    static SectorTaskStatus status(GenericKubernetesResource raw) {
        Object s = raw.getAdditionalProperties().get("status");
        return s == null ? null : MAPPER.convertValue(s, SectorTaskStatus.class);
    }
}
