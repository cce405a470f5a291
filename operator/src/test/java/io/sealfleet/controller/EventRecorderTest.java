package io.sealfleet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class EventRecorderTest {
    KubernetesClient client;

    private static ConfigMap object(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").withUid("uid-" + name)
                .endMetadata().build();
    }

    private int events() {
        return client.v1().events().inNamespace("default").list().getItems().size();
    }

    @Test
    void aRepeatedMessageIsRecordedOnceAndAChangedOneAgain() {
        EventRecorder r = new EventRecorder(client, Clock.systemUTC());
        r.warning(object("a"), "WorkerLost", "gone");
        r.warning(object("a"), "WorkerLost", "gone");
        assertThat(events()).isEqualTo(1);
        r.warning(object("a"), "WorkerLost", "gone again");
        assertThat(events()).isEqualTo(2);
    }

    @Test
    void itRemembersOnlyTheMostRecentlyUsedKeysSoItsMemoryIsBounded() {
        EventRecorder r = new EventRecorder(client, Clock.systemUTC(), 2);
        r.warning(object("a"), "X", "m");
        r.warning(object("b"), "X", "m");
        r.warning(object("a"), "X", "m"); // a is now the most recently used
        r.warning(object("c"), "X", "m"); // b is forgotten
        assertThat(events()).isEqualTo(3);
        r.warning(object("a"), "X", "m");
        assertThat(events()).as("a is still remembered").isEqualTo(3);
        r.warning(object("b"), "X", "m");
        assertThat(events()).as("b was forgotten, so its message is recorded again").isEqualTo(4);
    }
}
