package io.sealfleet.controller;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Collections;
import java.util.LinkedHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warning events on failure paths, deduplicated: an object gets an event for a reason only when the
 * message differs from the last one it got for that reason, so a state that persists over many passes
 * produces one event, not one per pass. The memory of last messages is bounded: the least recently
 * used keys are forgotten first (deleted objects' keys age out that way), and a forgotten key only
 * costs one repeated event. Failing to record an event is logged and never fails the pass.
 */
public final class EventRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    static final String COMPONENT = "sealfleet-operator";

    static final int DEFAULT_REMEMBERED = 10_000;

    private final KubernetesClient client;
    private final Clock clock;
    private final Map<String, String> last;

    public EventRecorder(KubernetesClient client, Clock clock) {
        this(client, clock, DEFAULT_REMEMBERED);
    }

    EventRecorder(KubernetesClient client, Clock clock, int remembered) {
        this.client = client;
        this.clock = clock;
        this.last = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > remembered;
            }
        });
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
}
