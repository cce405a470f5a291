package io.sealfleet.agent.prover;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.api.ExternalProver;
import io.sealfleet.api.ProverAdapter;
import io.sealfleet.api.WorkerCapabilities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether the worker has its prover, as the agent reports it in status.capabilities.prover. */
class ProverProbeTest {
    @TempDir
    Path tmp;

    private static ExternalProver lotusBench(String path) {
        ExternalProver p = new ExternalProver();
        p.adapter = ProverAdapter.LotusBench;
        p.path = path;
        return p;
    }

    @Test
    void aMissingLotusBenchIsNotInstalledAndTheMessageNamesThePathAndTheFix() {
        String missing = tmp.resolve("bin/lotus-bench").toString();

        WorkerCapabilities.ProverState s = ProverProbe.check(Provers.of(lotusBench(missing)), "/usr/bin");

        assertThat(s.installed).isFalse();
        assertThat(s.adapter).isEqualTo(ProverAdapter.LotusBench);
        assertThat(s.types).containsExactly("Commit2");
        assertThat(s.message).contains(missing).contains("install lotus-bench in the worker image")
                .contains("spec.externalProver.path");
    }

    @Test
    void aFileThatMayNotBeRunIsNotInstalled() throws Exception {
        Path exe = Files.writeString(tmp.resolve("lotus-bench"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rw-r--r--"));

        WorkerCapabilities.ProverState s = ProverProbe.check(Provers.of(lotusBench(exe.toString())), "/usr/bin");

        assertThat(s.installed).isFalse();
        assertThat(s.message).contains(exe + " is not executable");
    }

    @Test
    void aBareNameIsFoundOnPathAndReportedWithItsAbsolutePath() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path exe = Files.writeString(bin.resolve("lotus-bench"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));

        WorkerCapabilities.ProverState found = ProverProbe.check(Provers.of(lotusBench(null)), tmp.resolve("none") + ":" + bin);
        WorkerCapabilities.ProverState notFound = ProverProbe.check(Provers.of(lotusBench(null)), tmp.resolve("none").toString());

        assertThat(found.installed).isTrue();
        assertThat(found.executable).isEqualTo(exe.toString());
        assertThat(notFound.installed).isFalse();
        assertThat(notFound.message).contains("lotus-bench is not on PATH (" + tmp.resolve("none") + ")");
    }

    @Test
    void theStdioAndFilesAdaptersCheckTheFirstWordOfTheirCommand() {
        ExternalProver stdio = new ExternalProver();
        stdio.command = List.of("sh", "-c", "cat");
        ExternalProver files = new ExternalProver();
        files.adapter = ProverAdapter.Files;
        files.command = List.of("/nonexistent/c2-client", "{in}", "{out}");

        assertThat(ProverProbe.check(Provers.of(stdio), System.getenv("PATH")).installed).isTrue();
        WorkerCapabilities.ProverState s = ProverProbe.check(Provers.of(files), "/usr/bin");
        assertThat(s.installed).isFalse();
        assertThat(s.types).containsExactly("Commit2", "ProveReplicaUpdate2");
        assertThat(s.message).contains("/nonexistent/c2-client").contains("spec.externalProver.command[0]");
    }
}
