package io.sealfleet.controller;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warning events on failure paths, deduplicated: an object gets an event for a reason only when the
 * message differs from the last one it got for that reason, so a state that persists over many passes
 * produces one event, not one per pass. Failing to record an event is logged and never fails the pass.
 */
public final class EventRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    static final String COMPONENT = "sealfleet-operator";

    private final KubernetesClient client;
    private final Clock clock;
    private final Map<String, String> last = new ConcurrentHashMap<>();

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void warning(HasMetadata object, String reason, String message) {
        record(object, "Warning", reason, message);
    }

    public void normal(HasMetadata object, String reason, String message) {
        record(object, "Normal", reason, message);
    }

    private void record(HasMetadata object, String type, String reason, String message) {
        String key = object.getMetadata().getUid() + "/" + reason;
        if (message.equals(last.put(key, message))) {
            return;
        }
        String now = Conditions.time(Instant.now(clock));
        try {
            client.v1().events().inNamespace(object.getMetadata().getNamespace()).resource(new EventBuilder()
                    .withNewMetadata().withGenerateName(object.getMetadata().getName() + ".")
                    .withNamespace(object.getMetadata().getNamespace()).endMetadata()
                    .withNewInvolvedObject().withApiVersion(object.getApiVersion()).withKind(object.getKind())
                    .withName(object.getMetadata().getName()).withNamespace(object.getMetadata().getNamespace())
                    .withUid(object.getMetadata().getUid()).endInvolvedObject()
                    .withType(type).withReason(reason).withMessage(message)
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .withNewSource().withComponent(COMPONENT).endSource()
                    .withReportingComponent(COMPONENT)
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.warn("could not record event {} on {}/{}: {}", reason, object.getKind(), object.getMetadata().getName(),
                    e.getMessage());
        }
    }

    /** Forgets an object's events (it was deleted). */
    public void forget(String uid) {
        last.keySet().removeIf(k -> k.startsWith(uid + "/"));
    }
}
