package io.sealfleet.realk8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.api.TaskPhase;
import io.sealfleet.lifecycle.PhaseOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every status each SectorTask of a namespace had, in the order a watch on the real server delivered
 * them (one event per stored change), and what that record shows: tasks that went back in phase within
 * one attempt, tasks bound to a second worker within one attempt, tasks that left Succeeded or changed
 * their outputs after it.
 */
final class TaskHistory implements AutoCloseable {
    /** One stored status: its phase, attempt, worker and outputs. */
    record Seen(TaskPhase phase, int attempt, String worker, String outputs, String message) {
        @Override
        public String toString() {
            return phase + "#" + attempt + (worker == null ? "" : "@" + worker);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final Map<String, List<Seen>> seen = new ConcurrentHashMap<>();
    private final Watch watch;

    TaskHistory(KubernetesClient client, String namespace) {
        // From the list's resourceVersion: a watch without one needs etcd progress notifications, which etcd 3.4 lacks.
        String from = client.resources(SectorTask.class).inNamespace(namespace).list().getMetadata().getResourceVersion();
        watch = client.resources(SectorTask.class).inNamespace(namespace).withResourceVersion(from).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, SectorTask t) {
                SectorTaskStatus s = t.getStatus();
                if (action == Action.DELETED || s == null || s.phase == null) {
                    return;
                }
                seen.computeIfAbsent(t.getMetadata().getName(), k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(new Seen(s.phase, s.attempt == null ? 0 : s.attempt, s.worker,
                                s.outputs == null ? null : JSON.valueToTree(s.outputs).toString(),
                                s.lastFailure == null ? s.message : s.message == null ? s.lastFailure : s.message + " | " + s.lastFailure));
            }

            @Override
            public void onClose(WatcherException cause) {
                if (cause != null) {
                    System.out.println("task watch closed: " + cause.getMessage());
                }
            }
        });
    }

    List<Seen> of(String task) {
        List<Seen> h = seen.getOrDefault(task, List.of());
        synchronized (h) {
            return List.copyOf(h);
        }
    }

    Map<String, List<Seen>> all() {
        Map<String, List<Seen>> out = new TreeMap<>();
        seen.keySet().forEach(k -> out.put(k, of(k)));
        return out;
    }

    /** Tasks whose phase went back within one attempt, with the two statuses. */
    Map<String, String> regressions() {
        Map<String, String> out = new TreeMap<>();
        all().forEach((task, h) -> {
            for (int i = 1; i < h.size(); i++) {
                Seen a = h.get(i - 1);
                Seen b = h.get(i);
                if (b.attempt() == a.attempt() && PhaseOrder.rank(b.phase()) < PhaseOrder.rank(a.phase())) {
                    out.put(task, a + " -> " + b + " in " + h);
                    break;
                }
            }
        });
        return out;
    }

    /** Status messages (message and last failure) that end in "null": a reason that lost its words. */
    List<String> messagesEndingInNull() {
        List<String> out = new ArrayList<>();
        all().forEach((task, h) -> h.stream().map(Seen::message).filter(m -> m != null && m.strip().endsWith("null")).distinct()
                .forEach(m -> out.add(task + ": " + m)));
        return out;
    }

    /** Tasks bound to a second worker within one attempt. */
    Map<String, String> boundTwice() {
        Map<String, String> out = new TreeMap<>();
        all().forEach((task, h) -> {
            Map<Integer, String> workerOfAttempt = new TreeMap<>();
            for (Seen s : h) {
                if (s.worker() != null && s.phase().isOnWorker()) {
                    String before = workerOfAttempt.putIfAbsent(s.attempt(), s.worker());
                    if (before != null && !before.equals(s.worker())) {
                        out.put(task, "attempt " + s.attempt() + " on " + before + " and " + s.worker() + ": " + h);
                    }
                }
            }
        });
        return out;
    }

    /** Tasks that left Succeeded, or whose outputs changed once succeeded (a second completion). */
    Map<String, String> succeededMoreThanOnce() {
        Map<String, String> out = new TreeMap<>();
        all().forEach((task, h) -> {
            int first = -1;
            for (int i = 0; i < h.size(); i++) {
                if (h.get(i).phase() == TaskPhase.Succeeded) {
                    first = i;
                    break;
                }
            }
            if (first < 0) {
                return;
            }
            String outputs = h.get(first).outputs();
            for (Seen s : h.subList(first, h.size())) {
                if (s.phase() != TaskPhase.Succeeded || !java.util.Objects.equals(outputs, s.outputs())) {
                    out.put(task, h.toString());
                    break;
                }
            }
        });
        return out;
    }

    @Override
    public void close() {
        watch.close();
    }
}
