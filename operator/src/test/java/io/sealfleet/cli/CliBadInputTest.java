package io.sealfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every subcommand, given each kind of bad input, prints exactly one line on stderr naming what failed,
 * exits with the documented code (2 bad input, 3 unreachable cluster) and shows no stack trace.
 */
class CliBadInputTest {
    @TempDir
    static Path dir;
    private static Path deadKubeconfig;
    private static Path malformedKubeconfig;
    private static Path notAKubeconfig;
    private static Path badYaml;
    private static Path executable;

    private record Case(String name, int exitCode, String mentions, String... args) {
    }

    @BeforeAll
    static void files() throws IOException {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        deadKubeconfig = Files.writeString(dir.resolve("dead-kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "http://127.0.0.1:%d"}}]
                users: [{name: u, user: {}}]
                contexts: [{name: c, context: {cluster: c, user: u, namespace: default}}]
                current-context: c
                """.formatted(deadPort));
        malformedKubeconfig = Files.writeString(dir.resolve("malformed-kubeconfig"), "apiVersion: v1\nclusters: {{{\n");
        notAKubeconfig = Files.writeString(dir.resolve("values.yaml"), "replicas: 2\n");
        badYaml = Files.writeString(dir.resolve("bad.yaml"), "kind: [unclosed\n");
        executable = Files.writeString(dir.resolve("sealer"), "#!/bin/sh\n");
        executable.toFile().setExecutable(true);
    }

    private static List<Case> cases() {
        String dead = deadKubeconfig.toString();
        String missing = dir.resolve("nonexistent").toString();
        String examples = RepoPaths.root().resolve("examples/demo").toString();
        List<Case> cases = new ArrayList<>(List.of(
                new Case("no command", 2, "name a command"),
                new Case("unknown command", 2, "did you mean plan?", "plam"),
                new Case("plan without -f", 2, "--filename", "plan"),
                new Case("plan of a missing file", 2, "no such file", "plan", "-f", missing),
                new Case("plan of bad YAML", 2, "not valid YAML", "plan", "-f", badYaml.toString()),
                new Case("plan with an unknown assigner", 2, "--assigner", "plan", "-f", badYaml.toString(), "--assigner", "best"),
                new Case("plan with an unknown output format", 2, "--output", "plan", "-f", badYaml.toString(), "-o", "yaml"),
                new Case("plan with an unknown flag", 2, "Unknown option", "plan", "--frob", "-f", badYaml.toString()),
                new Case("workers with a missing kubeconfig", 2, "no such file", "workers", "--kubeconfig", missing),
                new Case("workers with a malformed kubeconfig", 2, "not a valid kubeconfig", "workers", "--kubeconfig",
                        malformedKubeconfig.toString()),
                new Case("workers with a file that is not a kubeconfig", 2, "lists no clusters", "workers", "--kubeconfig",
                        notAKubeconfig.toString()),
                new Case("workers with an unknown context", 2, "no context named 'prod'", "workers", "--kubeconfig", dead,
                        "--context", "prod"),
                new Case("workers against a dead API server", 3, "cannot reach the Kubernetes API", "workers", "--kubeconfig", dead),
                new Case("workers --watch against a dead API server", 3, "connection refused", "workers", "--watch", "--kubeconfig",
                        dead),
                new Case("workers with a zero interval", 2, "--interval", "workers", "--watch", "--interval", "0"),
                new Case("operator with a missing kubeconfig", 2, "no such file", "operator", "--kubeconfig", missing),
                new Case("operator with an unknown flag", 2, "Unknown option", "operator", "--leader"),
                new Case("agent without a worker", 2, "--worker", "agent", "--worker", ""),
                new Case("agent with a missing token file", 2, "--token-file", "agent", "--worker", "w", "--token-file", missing),
                new Case("agent with a malformed kubeconfig", 2, "not a valid kubeconfig", "agent", "--worker", "w",
                        "--token-file", executable.toString(), "--kubeconfig", malformedKubeconfig.toString()),
                new Case("lotus-worker with a malformed kubeconfig", 2, "not a valid kubeconfig", "lotus-worker",
                        "--miner-api-info", "t:/ip4/10.0.0.5/tcp/2345/http", "--advertise", "10.0.0.9",
                        "--token-file", executable.toString(), "--kubeconfig", malformedKubeconfig.toString()),
                new Case("lotus-worker with a missing token file", 2, "cannot read --token-file", "lotus-worker",
                        "--miner-api-info", "t:/ip4/10.0.0.5/tcp/2345/http", "--advertise", "10.0.0.9", "--token-file", missing),
                new Case("demo without a sealer", 2, "no sealer at", "demo", "--sealer", missing),
                new Case("demo with a missing examples directory", 2, "no such file", "demo", "--sealer", executable.toString(),
                        "--examples", missing),
                new Case("demo with a bad timeout", 2, "cannot be parsed to a Duration", "demo", "--timeout", "4 minutes")));
        cases.add(new Case("demo with the metrics port taken", 2, "--metrics-port", "demo", "--sealer", executable.toString(),
                "--examples", examples, "--dir", dir.resolve("demo").toString(), "--metrics-port", "PORT"));
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> eachBadInputGetsOneLineAndItsExitCode() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            try (ServerSocket taken = new ServerSocket(0)) {
                String[] args = c.args().clone();
                for (int i = 0; i < args.length; i++) {
                    args[i] = args[i].equals("PORT") ? Integer.toString(taken.getLocalPort()) : args[i];
                }
                CliRun run = CliRun.of(args);
                assertThat(run.err()).as("stderr").hasLineCount(1).contains(c.mentions()).doesNotContain("Exception")
                        .doesNotContain("\tat ");
                assertThat(run.err()).as("stderr names the command").startsWith("sealfleet");
                assertThat(run.exitCode()).as("exit code of: " + run.err()).isEqualTo(c.exitCode());
            }
        }));
    }

    @Test
    void debugAddsTheStackTraceAfterTheLine() {
        CliRun run = CliRun.of("workers", "--debug", "--kubeconfig", deadKubeconfig.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().lines().findFirst().orElseThrow()).startsWith("sealfleet workers: cannot reach");
        assertThat(run.err()).contains("\tat ");
    }

    @Test
    void theDemoPortMessageNamesThePortTheFlagAndTheVariable() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            CliRun run = CliRun.of("demo", "--sealer", executable.toString(), "--examples",
                    RepoPaths.root().resolve("examples/demo").toString(), "--dir", dir.resolve("demo2").toString(),
                    "--metrics-port", Integer.toString(taken.getLocalPort()));
            assertThat(run.err()).contains("port " + taken.getLocalPort()).contains("--metrics-port")
                    .contains("$SEALFLEET_METRICS_PORT");
            assertThat(dir.resolve("demo2")).as("nothing started, nothing written").doesNotExist();
        }
    }
}
