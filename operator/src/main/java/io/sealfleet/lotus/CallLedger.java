package io.sealfleet.lotus;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskSpec;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The accepted calls, kept in the SectorTasks that run them: the task is named from the CallID and
 * carries the call's method, CallID and what its Return needs as annotations, and a label saying
 * whether the miner has acknowledged the Return. A restarted bridge reads its unanswered calls back
 * from here, so nothing the miner waits for lives only in memory.
 */
public final class CallLedger {
    public static final String PREFIX = "lotus.sealfleet.io/";
    public static final String BRIDGE = PREFIX + "bridge";
    public static final String RETURNED = PREFIX + "returned";
    public static final String WORK = PREFIX + "work";
    public static final String SECTOR = PREFIX + "sector";
    public static final String CALL_ID = PREFIX + "call-id";
    public static final String METHOD = PREFIX + "method";
    public static final String PROOF = PREFIX + "proof-type";

    private final KubernetesClient client;
    private final String namespace;
    private final String bridge;

    public CallLedger(KubernetesClient client, String namespace, String bridge) {
        this.client = client;
        this.namespace = namespace;
        this.bridge = bridge;
    }

    /** The task name for a call: Kubernetes-safe and unique per CallID. */
    public static String taskName(CallId id) {
        return "lotus-" + id.id();
    }

    public static String sectorLabel(long miner, long number) {
        return "f0" + miner + "-" + number;
    }

    /** An earlier identical call (same work hash) the miner is still waiting for: the miner repeated itself. */
    public Optional<SectorTask> inFlight(String work) {
        return client.resources(SectorTask.class).inNamespace(namespace)
                .withLabel(BRIDGE, bridge).withLabel(WORK, work).withLabel(RETURNED, "false").list().getItems().stream()
                .min(Comparator.comparing(t -> t.getMetadata().getName()));
    }

    /** Persists the call as its SectorTask before the CallID goes back to the miner. */
    public SectorTask record(CallId id, LotusMethod method, SealProof proof, String work, SectorTaskSpec spec,
                             Map<String, String> extra) {
        Map<String, String> labels = new HashMap<>();
        labels.put(BRIDGE, bridge);
        labels.put(RETURNED, "false");
        labels.put(WORK, work);
        labels.put(SECTOR, sectorLabel(id.miner(), id.number()));
        Map<String, String> annotations = new HashMap<>(extra);
        annotations.put(CALL_ID, id.toString());
        annotations.put(METHOD, method.name());
        annotations.put(PROOF, Integer.toString(proof.number()));
        SectorTask t = new SectorTask();
        t.setMetadata(new ObjectMetaBuilder().withName(taskName(id)).withNamespace(namespace).withLabels(labels)
                .withAnnotations(annotations).build());
        t.setSpec(spec);
        try {
            return client.resource(t).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return client.resources(SectorTask.class).inNamespace(namespace).withName(taskName(id)).get();
            }
            throw e;
        }
    }

    /** Calls whose Return the miner has not acknowledged yet. */
    public List<SectorTask> unanswered() {
        return client.resources(SectorTask.class).inNamespace(namespace).withLabel(BRIDGE, bridge).withLabel(RETURNED, "false")
                .list().getItems();
    }

    /** Every task this bridge made for a sector, oldest call first. */
    public List<SectorTask> ofSector(long miner, long number) {
        return client.resources(SectorTask.class).inNamespace(namespace).withLabel(BRIDGE, bridge)
                .withLabel(SECTOR, sectorLabel(miner, number)).list().getItems().stream()
                .sorted(Comparator.comparing(t -> t.getMetadata().getCreationTimestamp() == null ? ""
                        : t.getMetadata().getCreationTimestamp())).toList();
    }

    /** A merge patch of the one label: it never conflicts with the operator's and agents' status writes. */
    public void markAnswered(SectorTask task) {
        client.resources(SectorTask.class).inNamespace(namespace).withName(task.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"" + RETURNED + "\":\"true\"}}}");
    }

    public static CallId callId(SectorTask t) {
        return CallId.parse(t.getMetadata().getAnnotations().get(CALL_ID));
    }

    public static LotusMethod method(SectorTask t) {
        return LotusMethod.valueOf(t.getMetadata().getAnnotations().get(METHOD));
    }

    public static SealProof proof(SectorTask t) {
        return SealProof.of(Long.parseLong(t.getMetadata().getAnnotations().get(PROOF)));
    }

    public static String annotation(SectorTask t, String key) {
        return t.getMetadata().getAnnotations() == null ? null : t.getMetadata().getAnnotations().get(PREFIX + key);
    }
}
