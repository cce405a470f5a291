package io.sealfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as its own process, with the main classpath only (the test resources' logging settings do not
 * apply): what a person sees on stderr, and what is left running after SIGTERM.
 */
class CliProcessTest {
    @TempDir
    Path dir;

    private static List<String> java(String... args) {
        String classpath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", classpath,
                Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void workersDoesNotPrintFabric8sUnstableVersionWarningForOurGroup() throws Exception {
        try (EmbeddedCluster cluster = new EmbeddedCluster()) {
            Path kubeconfig = dir.resolve("kubeconfig");
            cluster.writeKubeconfig(kubeconfig);
            Path err = dir.resolve("err");
            Process p = new ProcessBuilder(java("workers", "--kubeconfig", kubeconfig.toString()))
                    .redirectError(err.toFile()).redirectOutput(dir.resolve("out").toFile()).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(err)).isZero();
            assertThat(Files.readString(err, StandardCharsets.UTF_8)).doesNotContain("unstable").isEmpty();
            assertThat(Files.readString(dir.resolve("out"))).contains("No SealingWorkers in namespace default");
        }
    }

    @Test
    void sigtermStopsTheDemoAndEveryAgentItStarted() throws Exception {
        Path sealer = Files.writeString(dir.resolve("sealer"), "#!/bin/sh\nsleep 600\n");
        sealer.toFile().setExecutable(true);
        Process demo = new ProcessBuilder(java("demo", "--sealer", sealer.toString(), "--metrics-port", "0", "--dir",
                dir.resolve("demo").toString(), "--examples", RepoPaths.root().resolve("examples/demo").toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("demo.log").toFile()).start();
        try {
            List<ProcessHandle> agents = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (agents.size() < 2 && System.nanoTime() < deadline && demo.isAlive()) {
                Thread.sleep(500);
                agents = demo.children().toList();
            }
            assertThat(agents).as("agent processes the demo started; log: " + Files.readString(dir.resolve("demo.log")))
                    .hasSizeGreaterThanOrEqualTo(2);
            demo.destroy();
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("demo stops on SIGTERM").isTrue();
            for (ProcessHandle agent : agents) {
                agent.onExit().get(30, TimeUnit.SECONDS);
                assertThat(agent.isAlive()).as("agent " + agent.pid() + " after SIGTERM").isFalse();
            }
        } finally {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
    }
}
