package io.sealfleet.controller;

import static io.sealfleet.controller.DeciderFixtures.NOW;
import static io.sealfleet.controller.DeciderFixtures.NS;
import static io.sealfleet.controller.DeciderFixtures.group;
import static io.sealfleet.controller.DeciderFixtures.path;
import static io.sealfleet.controller.DeciderFixtures.report;
import static io.sealfleet.controller.DeciderFixtures.worker;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.api.Condition;
import io.sealfleet.api.SealingWorkerStatus;
import io.sealfleet.api.StorageGroupStatus;
import io.sealfleet.api.WorkerPhase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The group status decider on its own: the workers in, the group's status out. */
class GroupStatusDeciderTest {

    @Test
    void aGroupNoWorkerListsIsNotReadyAndSaysHowToAddOne() {
        StorageGroupStatus st = GroupStatusDecider.decide(group("cold"), List.of(worker("w1", null, path("fast"))), NS, NOW);

        assertThat(st.members).isEmpty();
        Condition ready = Conditions.get(st.conditions, Conditions.READY);
        assertThat(ready.status).isEqualTo(Conditions.FALSE);
        assertThat(ready.reason).isEqualTo("NoMembers");
        assertThat(ready.message).contains("spec.storage[].groups");
        assertThat(st.observedGeneration).isEqualTo(5L);
    }

    @Test
    void membersSpaceAndSectorsAddUpOverTheWorkersPathsInTheGroup() {
        var w1 = worker("w1", WorkerPhase.Ready, path("a", "cold"), path("b"));
        w1.worker.getStatus().storage = List.of(report("a", 1000, 400, 1, 2), report("b", 5000, 5000, 9));
        var w2 = worker("w2", WorkerPhase.Ready, path("c", "cold"));
        w2.worker.setStatus(new SealingWorkerStatus());
        w2.worker.getStatus().storage = List.of(report("c", 2000, 100, 2, 3));
        var invalid = worker("w3", null, path("d", "cold"));
        invalid.errors.add(new io.sealfleet.api.validation.FieldError("spec.storage[0].id", "bad"));

        StorageGroupStatus st = GroupStatusDecider.decide(group("cold"), List.of(w1, w2, invalid), NS, NOW);

        assertThat(st.members).containsExactly("w1/a", "w2/c");
        assertThat(st.pathCount).isEqualTo(2);
        assertThat(st.capacityBytes).isEqualTo(3000L);
        assertThat(st.availableBytes).isEqualTo(500L);
        assertThat(st.sectors).isEqualTo(3);
        Condition ready = Conditions.get(st.conditions, Conditions.READY);
        assertThat(ready.reason).isEqualTo("HasMembers");
        assertThat(ready.message).isEqualTo("2 path(s) on 2 worker(s); 2 reporting their space");
    }
}
