package io.sealfleet.agent;

import static io.sealfleet.agent.AgentTransferEndToEndTest.NO_BACKOFF;
import static io.sealfleet.agent.AgentTransferEndToEndTest.TICKET_1;
import static io.sealfleet.agent.AgentTransferEndToEndTest.sector;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.api.Condition;
import io.sealfleet.api.GpuEngineCheck;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.TaskPhase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an agent checks in its pod before it seals: the GPU PreCommit2 engine against the CPU engine, the
 * open-files limit, and the shared parent cache; and what it reports: memory in use from its cgroup.
 */
class AgentPodChecksTest extends AgentTestBase {
    private static final String GPU_WORKER = """
            apiVersion: sealing.sealfleet.io/v1alpha1
            kind: SealingWorker
            metadata: {name: g}
            spec:
              tasks: [AddPiece, PreCommit1, PreCommit2]
              resources: {cpu: 4, memory: 4Gi, gpus: 1}
              gpu: {products: [Test-GPU]}
              env: {FIL_PROOFS_USE_GPU_COLUMN_BUILDER: "1", FIL_PROOFS_USE_GPU_TREE_BUILDER: "1"}
              storage:
                - {id: g-seal, hostPath: /srv/g, canSeal: true}
            """;

    /**
     * A sealer whose GPU engine is the CPU engine under another name, as a device build that works would
     * be; with {@code wrongRoot} it prints a different comm_r, as a broken device build would. Every call
     * is logged with its arguments.
     */
    private Path fakeGpuSealer(boolean wrongRoot) throws IOException {
        Path script = Files.createDirectories(h.dir).resolve("sealer-gpu.sh");
        String tamper = wrongRoot ? " | sed 's/\"commR\":\"[a-z0-9]*\"/\"commR\":\"bagboea4b5abcwrongroot\"/'" : "";
        Files.writeString(script, """
                #!/bin/sh
                echo "$*" >> '%s'
                gpu=0; prev=""
                for a in "$@"; do
                  shift
                  if [ "$prev" = "--engine" ] && [ "$a" = gpu ]; then gpu=1; a=cpu; fi
                  set -- "$@" "$a"; prev="$a"
                done
                if [ "$1" = pc2 ] && [ $gpu = 1 ]; then
                  out=$('%s' "$@") || exit $?
                  printf '%%s\\n' "$out"%s
                  exit 0
                fi
                exec '%s' "$@"
                """.formatted(h.dir.resolve("sealer-args.log"), AgentHarness.SEALER, tamper, AgentHarness.SEALER));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private List<String> pc2Calls() throws IOException {
        return Files.readAllLines(h.dir.resolve("sealer-args.log")).stream().filter(l -> l.startsWith("pc2 ")).toList();
    }

    private Condition condition(String worker, String type) {
        SealingWorker w = h.worker(worker);
        return w.getStatus() == null || w.getStatus().conditions == null ? null
                : w.getStatus().conditions.stream().filter(c -> type.equals(c.type)).findFirst().orElse(null);
    }

    private String cpuCommR(String ticket) throws Exception {
        Path d = Files.createDirectories(tmp.resolve("direct"));
        Files.createDirectories(d.resolve("cache"));
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(d.resolve("un").toFile(), "rw")) {
            f.setLength(2048);
        }
        AgentHarness.runSealer(d, "pc1", "--sector-size", "2KiB", "--miner", "f01000", "--sector", "1", "--ticket", ticket,
                "--unsealed", "un", "--cache", "cache", "--parent-cache", AgentHarness.PARENTS.toString(), "--threads", "1");
        return AgentHarness.runSealer(d, "pc2", "--sector-size", "2KiB", "--cache", "cache", "--unsealed", "un", "--sealed",
                "sealed", "--threads", "1", "--engine", "cpu").path("commR").asText();
    }

    @Test
    void gpuEngineThatGivesAWrongRootIsTurnedOffBeforeItSealsAndPreCommit2RunsOnTheCpuEngine() throws Exception {
        h = new AgentHarness(tmp.resolve("cluster"));
        h.sealer = fakeGpuSealer(true);
        h.apply(GPU_WORKER);
        h.startAgent("g");
        h.awaitWorkerReady("g");
        h.apply(sector("s1-ap", 1, "2KiB", TICKET_1, "PreCommit2", NO_BACKOFF, ""));
        SectorTask pc2 = h.awaitPhase("s1-pc2", TaskPhase.Succeeded, Duration.ofSeconds(60));

        // The check ran both engines on its own 2 KiB sector; the task itself ran on the CPU engine only.
        List<String> calls = pc2Calls();
        assertThat(calls).filteredOn(c -> c.contains("gpu-engine-check") && c.endsWith("--engine gpu")).hasSize(1);
        assertThat(calls).filteredOn(c -> !c.contains("gpu-engine-check")).singleElement()
                .satisfies(c -> assertThat(c).endsWith("--engine cpu"));
        assertThat(pc2.getStatus().outputs.commR).isEqualTo(cpuCommR(TICKET_1));

        AgentHarness.await("GpuEngine condition", Duration.ofSeconds(20), () -> {
            Condition c = condition("g", "GpuEngine");
            return c != null && "GpuEngineFailed".equals(c.reason);
        }, () -> AgentHarness.Json.of(h.worker("g").getStatus()));
        Condition c = condition("g", "GpuEngine");
        assertThat(c.status).isEqualTo("False");
        assertThat(c.message).contains("92 %").contains("bagboea4b5abcwrongroot");
        assertThat(h.worker("g").getStatus().agent.pc2GpuCheck.result).isEqualTo(GpuEngineCheck.FAILED);
        assertThat(h.client.v1().events().inNamespace(AgentHarness.NS).list().getItems())
                .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("GpuEngineFailed"));
    }

    @Test
    void gpuEngineThatMatchesTheCpuEngineSealsPreCommit2OnTheGpu() throws Exception {
        h = new AgentHarness(tmp.resolve("cluster"));
        h.sealer = fakeGpuSealer(false);
        h.apply(GPU_WORKER);
        h.startAgent("g");
        h.awaitWorkerReady("g");
        h.apply(sector("s1-ap", 1, "2KiB", TICKET_1, "PreCommit2", NO_BACKOFF, ""));
        SectorTask pc2 = h.awaitPhase("s1-pc2", TaskPhase.Succeeded, Duration.ofSeconds(60));

        assertThat(pc2Calls()).filteredOn(c -> !c.contains("gpu-engine-check")).singleElement()
                .satisfies(c -> assertThat(c).endsWith("--engine gpu"));
        assertThat(pc2.getStatus().outputs.commR).isEqualTo(cpuCommR(TICKET_1));
        AgentHarness.await("GpuEngine verified", Duration.ofSeconds(20), () -> {
            Condition c = condition("g", "GpuEngine");
            return c != null && "GpuEngineVerified".equals(c.reason);
        }, () -> AgentHarness.Json.of(h.worker("g").getStatus()));
        assertThat(h.worker("g").getStatus().agent.pc2GpuCheck.result).isEqualTo(GpuEngineCheck.PASSED);
    }

    @Test
    void anOpenFilesLimitBelowWhatSealingNeedsGivesTheConditionAndNoTaskIsBound() throws Exception {
        h = new AgentHarness(tmp.resolve("cluster"));
        OpenFilesLimit mine = OpenFilesLimit.ofThisProcess();
        assertThat(mine).as("this JVM's limits from /proc/self/limits").isNotNull();
        h.minOpenFiles = mine.hard() + 1;
        h.apply(AgentHarness.sealingWorker("w", null));
        h.startAgent("w");
        h.awaitWorkerReady("w");
        AgentHarness.await("OpenFilesLimit condition", Duration.ofSeconds(20), () -> {
            Condition c = condition("w", "OpenFilesLimit");
            return c != null && "False".equals(c.status);
        }, () -> AgentHarness.Json.of(h.worker("w").getStatus()));
        Condition c = condition("w", "OpenFilesLimit");
        assertThat(c.reason).isEqualTo("OpenFilesLimitTooLow");
        assertThat(c.message).contains("RLIMIT_NOFILE").contains(Long.toString(mine.hard())).contains("LimitNOFILE")
                .contains(Long.toString(mine.hard() + 1));

        h.apply(sector("s1-ap", 1, "2KiB", TICKET_1, "PreCommit1", NO_BACKOFF, ""));
        Thread.sleep(2000);
        SectorTask ap = h.task("s1-ap");
        assertThat(ap.getStatus()).isNotNull();
        assertThat(ap.getStatus().worker).as("no task is bound to the worker").isNull();
        assertThat(ap.getStatus().message).contains("open-files limit");
    }

    @Test
    void twoAgentsRacingForOneParentCacheBuildItOnce() throws Exception {
        h = new AgentHarness(tmp.resolve("cluster"));
        h.parents = tmp.resolve("fresh-parents");
        h.sealer = countingPc1Sealer();
        h.apply(AgentTransferEndToEndTest.workers("[gb]"));
        h.startAgent("a");
        h.startAgent("b");
        h.awaitWorkerReady("a", "b");
        // Both workers take PreCommit1; two sectors at once put one PC1 on each, both needing the 8 MiB cache.
        h.apply(sector("s1-ap", 1, "8MiB", TICKET_1, "PreCommit1", NO_BACKOFF, ""));
        h.apply(sector("s2-ap", 2, "8MiB", AgentTransferEndToEndTest.TICKET_2, "PreCommit1", NO_BACKOFF, ""));
        h.awaitPhase("s1-pc1", TaskPhase.Succeeded, Duration.ofSeconds(90));
        h.awaitPhase("s2-pc1", TaskPhase.Succeeded, Duration.ofSeconds(90));

        List<String> generated = Files.readAllLines(h.dir.resolve("pc1-generated.log"));
        assertThat(generated).hasSize(2).containsOnlyOnce("true");
        try (var files = Files.list(h.parents)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp.")).toList())
                    .as("no half-written cache left").isEmpty();
        }
    }

    /** The real sealer, logging whether each pc1 generated the parent cache. */
    private Path countingPc1Sealer() throws IOException {
        Path script = Files.createDirectories(h.dir).resolve("sealer-pc1.sh");
        Files.writeString(script, """
                #!/bin/sh
                if [ "$1" = pc1 ]; then
                  out=$('%s' "$@") || exit $?
                  printf '%%s\\n' "$out" | sed -n 's/.*"parentCacheGenerated":\\([a-z]*\\).*/\\1/p' >> '%s'
                  printf '%%s\\n' "$out"
                  exit 0
                fi
                exec '%s' "$@"
                """.formatted(AgentHarness.SEALER, h.dir.resolve("pc1-generated.log"), AgentHarness.SEALER));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void theAgentReportsMemoryAndSwapInUseFromItsCgroupAndTheCachesFreeSpace() throws Exception {
        h = new AgentHarness(tmp.resolve("cluster"));
        Path cgroup = Files.createDirectories(tmp.resolve("cgroup"));
        Files.writeString(cgroup.resolve("cgroup.controllers"), "cpu memory\n");
        Files.writeString(cgroup.resolve("memory.current"), "5368709120\n");
        Files.writeString(cgroup.resolve("memory.stat"), "anon 4294967296\ninactive_file 1073741824\n");
        Files.writeString(cgroup.resolve("memory.swap.current"), "536870912\n");
        h.apply(AgentHarness.sealingWorker("w", null));
        h.startAgent("w", a -> a.cgroupRoot = cgroup);
        h.awaitWorkerReady("w");
        AgentHarness.await("memory in use reported", Duration.ofSeconds(20),
                () -> h.worker("w").getStatus().agent != null && h.worker("w").getStatus().agent.memoryInUseBytes != null,
                () -> AgentHarness.Json.of(h.worker("w").getStatus()));
        var report = h.worker("w").getStatus().agent;
        assertThat(report.cgroup).isEqualTo("v2");
        assertThat(report.memoryInUseBytes).isEqualTo(4L << 30);
        assertThat(report.swapInUseBytes).isEqualTo(512L << 20);
        assertThat(report.caches).anySatisfy(c -> {
            assertThat(c.name).isEqualTo("parentCache");
            assertThat(c.path).isEqualTo(h.parents.toString());
            assertThat(c.availableBytes).isPositive();
        });
    }
}
