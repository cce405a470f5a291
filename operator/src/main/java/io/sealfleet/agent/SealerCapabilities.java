package io.sealfleet.agent;

import io.sealfleet.api.AttemptFailure;
import com.fasterxml.jackson.databind.JsonNode;
import io.sealfleet.api.WorkerCapabilities;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code sealer capabilities} (native-proofs/docs/update-kernels.md): the task types this
 * worker's sealer runs, their engines, and the sector sizes. A sealer that cannot say is reported
 * with the error, and the worker then takes no kernel work.
 */
final class SealerCapabilities {
    private SealerCapabilities() {
    }

    static WorkerCapabilities read(Path sealer, ChildProcess child, Path workDir, String now) throws InterruptedException {
        WorkerCapabilities c;
        try {
            byte[] out = child.run(List.of(sealer.toString(), "capabilities"), Map.of(), workDir, null, line -> { });
            c = parse(ChildProcess.json(out, "sealer capabilities"));
        } catch (KernelException | IOException e) {
            c = new WorkerCapabilities();
            c.error = "sealer capabilities failed: " + e.getMessage() + "; check that " + sealer
                    + " is the worker image's sealer (it must know the capabilities subcommand)";
        }
        c.time = now;
        return c;
    }

    static WorkerCapabilities parse(JsonNode root) throws KernelException {
        if (root.path("format").asInt(0) != 1 || !root.path("tasks").isObject()) {
            throw new KernelException(AttemptFailure.KernelFailed, "sealer capabilities printed an unknown format " + root.path("format")
                    + " (this agent reads format 1)");
        }
        WorkerCapabilities c = new WorkerCapabilities();
        c.sectorSizes = new ArrayList<>();
        root.path("sectorSizes").forEach(s -> c.sectorSizes.add(s.asText()));
        c.tasks = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("tasks").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            WorkerCapabilities.TaskCapability t = new WorkerCapabilities.TaskCapability();
            t.type = e.getKey();
            t.runs = e.getValue().path("runs").asBoolean(false);
            if (e.getValue().has("engines")) {
                t.engines = new ArrayList<>();
                e.getValue().path("engines").forEach(x -> t.engines.add(x.asText()));
            }
            t.reason = e.getValue().path("reason").asText(null);
            c.tasks.add(t);
        }
        return c;
    }
}
