package io.sealfleet.controller;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.validation.SpecValidator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each SealingWorker owns: its one worker pod (created from {@link WorkerPods#desired}, replaced
 * only while no task is on the worker when the spec changes what the pod would be), and its deletion:
 * a finalizer holds a deleted worker, which the scheduling loop treats as paused, until no task is
 * bound to, preparing on or running on it; then the pod goes and the finalizer is removed. Status is
 * the scheduling loop's (it depends on tasks, leases and nodes); every reconcile asks it for a pass.
 */
@ControllerConfiguration(name = "sealingworker")
public final class SealingWorkerReconciler implements Reconciler<SealingWorker>, Cleaner<SealingWorker> {
    private static final Logger LOG = LoggerFactory.getLogger(SealingWorkerReconciler.class);
    static final long DRAIN_RECHECK_MILLIS = 2000;
    static final long MISSING_ACCOUNT_RECHECK_MILLIS = 5000;

    private final KubernetesClient client;
    private final SchedulingLoop loop;
    private final OperatorConfig config;
    private final EventRecorder events;

    SealingWorkerReconciler(KubernetesClient client, SchedulingLoop loop, OperatorConfig config, EventRecorder events) {
        this.client = client;
        this.loop = loop;
        this.config = config;
        this.events = events;
    }

    @Override
    public List<EventSource<?, SealingWorker>> prepareEventSources(EventSourceContext<SealingWorker> context) {
        var pods = InformerEventSourceConfiguration.from(Pod.class, SealingWorker.class)
                .withLabelSelector(WorkerPods.SELECTOR).build();
        return List.of(new InformerEventSource<>(pods, context));
    }

    @Override
    public UpdateControl<SealingWorker> reconcile(SealingWorker worker, Context<SealingWorker> context) {
        loop.trigger();
        String where = worker.getMetadata().getNamespace() + "/" + worker.getMetadata().getName();
        if (!SpecValidator.validate(worker).isEmpty()) {
            // The loop writes Valid=False and the event; no pod for a spec that does not hold.
            return UpdateControl.noUpdate();
        }
        Pod desired;
        try {
            desired = WorkerPods.desired(worker, config.workerImage(), config.workerServiceAccount());
        } catch (IllegalArgumentException e) {
            LOG.warn("SealingWorker {}: no pod: {}", where, e.getMessage());
            return UpdateControl.noUpdate();
        }
        Pod pod = context.getSecondaryResource(Pod.class).orElse(null);
        try {
            if (pod == null) {
                String account = desired.getSpec().getServiceAccountName();
                if (account != null && client.serviceAccounts().inNamespace(desired.getMetadata().getNamespace())
                        .withName(account).get() == null) {
                    return missingServiceAccount(worker, account);
                }
                TransferSecret.ensure(client, desired.getMetadata().getNamespace());
                client.resource(desired).create();
                LOG.info("SealingWorker {}: created pod {}", where, desired.getMetadata().getName());
            } else if (!hash(desired).equals(hash(pod))) {
                int onWorker = loop.tasksOn(worker.getMetadata().getNamespace(), worker.getMetadata().getName());
                if (onWorker == 0) {
                    client.resource(pod).delete();
                    events.normal(worker, "PodReplaced", "the spec changed the worker pod; pod "
                            + pod.getMetadata().getName() + " is replaced while no task is on the worker");
                } else {
                    events.normal(worker, "PodOutdated", "the spec changed the worker pod; it is replaced once the "
                            + "tasks on the worker finish (pause the worker to drain it)");
                }
            }
        } catch (KubernetesClientException e) {
            String account = desired.getSpec().getServiceAccountName();
            if (account != null && e.getCode() == 403 && String.valueOf(e.getMessage()).contains("serviceaccount")) {
                // The ServiceAccount admission plugin refused the pod: the account went between the check and the create.
                return missingServiceAccount(worker, account);
            }
            if (e.getCode() != 409) {
                events.warning(worker, "PodFailed", "cannot create or replace pod " + desired.getMetadata().getName()
                        + ": " + e.getMessage());
                throw e;
            }
        }
        return UpdateControl.noUpdate();
    }

    /**
     * No pod can run as a ServiceAccount the namespace lacks: say so once per check, on the worker and in one
     * log line, and look again later instead of failing the reconcile (which the SDK would retry with stack traces).
     */
    private UpdateControl<SealingWorker> missingServiceAccount(SealingWorker worker, String account) {
        String ns = worker.getMetadata().getNamespace();
        String message = "worker pods run as ServiceAccount " + account + ", which namespace " + ns + " does not have: create it, "
                + "or list " + ns + " in the chart's agent.namespaces (the chart creates it with the agents' Role)";
        LOG.warn("SealingWorker {}/{}: no pod: {}", ns, worker.getMetadata().getName(), message);
        events.warning(worker, "ServiceAccountMissing", message);
        return UpdateControl.<SealingWorker>noUpdate().rescheduleAfter(MISSING_ACCOUNT_RECHECK_MILLIS);
    }

    @Override
    public DeleteControl cleanup(SealingWorker worker, Context<SealingWorker> context) {
        loop.trigger();
        int onWorker = loop.tasksOn(worker.getMetadata().getNamespace(), worker.getMetadata().getName());
        if (onWorker != 0) {
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(DRAIN_RECHECK_MILLIS);
        }
        context.getSecondaryResource(Pod.class).ifPresent(p -> client.resource(p).delete());
        return DeleteControl.defaultDelete();
    }

    private static String hash(Pod p) {
        Map<String, String> a = p.getMetadata().getAnnotations();
        return a == null || a.get(WorkerPods.SPEC_HASH) == null ? "" : a.get(WorkerPods.SPEC_HASH);
    }
}
