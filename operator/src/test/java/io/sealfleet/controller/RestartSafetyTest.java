package io.sealfleet.controller;

import static io.sealfleet.controller.Cluster.NS;
import static io.sealfleet.controller.Cluster.task;
import static io.sealfleet.controller.Cluster.worker;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.sealfleet.api.ExternalProver;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.lifecycle.PhaseOrder;
import io.sealfleet.table.TaskType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The operator is stopped at random points while 204 tasks (34 sectors, six-step pipelines) move
 * through, and a new one is started each time. Every status the API server ever held is recorded from a
 * watch: no task is bound to two workers, no phase goes backwards, every task succeeds exactly once.
 */
@EnableKubernetesMockClient(crud = true)
class RestartSafetyTest {
    private static final int SECTORS = 34;
    private static final int STEPS = 6;

    KubernetesClient client;
    Cluster cluster;

    /** One observed status. */
    private record Seen(int attempt, TaskPhase phase, String worker) {
    }

    private final Map<String, List<Seen>> history = new ConcurrentHashMap<>();
    private final AtomicBoolean agentRuns = new AtomicBoolean(true);

    @AfterEach
    void stop() {
        agentRuns.set(false);
        cluster.close();
    }

    @Test
    void restartedOperatorsNeverBindTwiceNorGoBackwardsAndEveryTaskSucceedsOnce() throws Exception {
        cluster = new Cluster(client);
        Watch watch = client.resources(SectorTask.class).inNamespace(NS).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, SectorTask t) {
                if (t.getStatus() != null && action != Action.DELETED) {
                    history.computeIfAbsent(t.getMetadata().getName(), k -> new ArrayList<>()).add(new Seen(
                            t.getStatus().attempt == null ? 0 : t.getStatus().attempt, t.getStatus().phase, t.getStatus().worker));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        for (int i = 0; i < 4; i++) {
            cluster.create(worker("w" + i, 8, "32Gi", s -> {
                s.externalProver = new ExternalProver();
                s.externalProver.command = List.of("/bin/prover");
                io.sealfleet.api.StoragePathSpec store = new io.sealfleet.api.StoragePathSpec();
                store.id = "store";
                store.claimName = "long-term";
                store.canStore = true;
                s.storage = List.of(s.storage.get(0), store);
            }));
        }
        cluster.start();
        for (int i = 0; i < 4; i++) {
            cluster.bringUp("w" + i, "node-" + i);
        }
        for (int s = 0; s < SECTORS; s++) {
            cluster.create(task("s" + s + "-ap", TaskType.AddPiece, s, spec -> {
                spec.pipeline = true;
                spec.ticket = Cluster.TICKET;
                spec.seed = Cluster.SEED;
            }));
        }
        Thread agent = new Thread(this::playAgent, "test-agent");
        agent.start();

        // A fixed number of restarts while the pipelines run, then the last operator must finish them: a
        // time budget for the restarts would let a loaded machine turn the test into a race.
        Random random = new Random(42);
        int restarts = 0;
        while (!allSucceeded() && restarts < 15) {
            Thread.sleep(150 + random.nextInt(500));
            cluster.restart();
            restarts++;
        }
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!allSucceeded() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        agentRuns.set(false);
        agent.join();
        Thread.sleep(300);
        watch.close();

        List<SectorTask> tasks = client.resources(SectorTask.class).inNamespace(NS).list().getItems();
        assertThat(restarts).isGreaterThanOrEqualTo(3);
        assertThat(tasks).hasSize(SECTORS * STEPS);
        assertThat(tasks).allSatisfy(t -> assertThat(t.getStatus().phase).isEqualTo(TaskPhase.Succeeded));
        for (SectorTask t : tasks) {
            String name = t.getMetadata().getName();
            List<Seen> seen = history.get(name);
            assertThat(seen).as(name).isNotNull();
            Set<String> workers = new HashSet<>();
            int succeeded = 0;
            Seen before = null;
            for (Seen s : seen) {
                if (s.worker() != null) {
                    workers.add(s.worker());
                }
                if (before != null) {
                    assertThat(s.attempt()).as(name + " attempt").isGreaterThanOrEqualTo(before.attempt());
                    if (s.attempt() == before.attempt()) {
                        assertThat(PhaseOrder.rank(s.phase())).as(name + " went from " + before + " to " + s)
                                .isGreaterThanOrEqualTo(PhaseOrder.rank(before.phase()));
                    }
                    if (s.phase() == TaskPhase.Succeeded && before.phase() != TaskPhase.Succeeded) {
                        succeeded++;
                    }
                } else if (s.phase() == TaskPhase.Succeeded) {
                    succeeded++;
                }
                before = s;
            }
            assertThat(workers).as(name + " workers").hasSize(1);
            assertThat(succeeded).as(name + " succeeded").isEqualTo(1);
            assertThat(t.getStatus().attempt).as(name).isEqualTo(1);
            assertThat(Conditions.isTrue(t.getStatus().conditions, Conditions.SUCCEEDED) || !isLast(t)).isTrue();
        }
    }

    private static boolean isLast(SectorTask t) {
        return t.getSpec().type == TaskType.Finalize;
    }

    private boolean allSucceeded() {
        List<SectorTask> tasks = client.resources(SectorTask.class).inNamespace(NS).list().getItems();
        return tasks.size() == SECTORS * STEPS && tasks.stream()
                .allMatch(t -> t.getStatus() != null && t.getStatus().phase == TaskPhase.Succeeded
                        && Conditions.isTrue(t.getStatus().conditions, Conditions.SUCCEEDED));
    }

    /** The worker agents: start what is bound, finish what runs; each write conditional on the version read. */
    private void playAgent() {
        while (agentRuns.get()) {
            try {
                for (SectorTask t : client.resources(SectorTask.class).inNamespace(NS).list().getItems()) {
                    TaskPhase p = t.getStatus() == null ? null : t.getStatus().phase;
                    TaskPhase next = p == TaskPhase.Scheduled ? TaskPhase.Running : p == TaskPhase.Running ? TaskPhase.Succeeded : null;
                    if (next == null) {
                        continue;
                    }
                    String json = "{\"metadata\":{\"resourceVersion\":\"" + t.getMetadata().getResourceVersion()
                            + "\"},\"status\":{\"report\":{\"stage\":\"" + next + "\",\"attempt\":" + t.getStatus().attempt
                            + ",\"worker\":\"" + t.getStatus().worker + "\"}}}";
                    try {
                        client.resources(SectorTask.class).inNamespace(NS).withName(t.getMetadata().getName())
                                .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), json);
                    } catch (KubernetesClientException e) {
                        if (e.getCode() != 409) {
                            throw e;
                        }
                    }
                }
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            } catch (KubernetesClientException e) {
                // The mock may be busy; try again.
            }
        }
    }
}
