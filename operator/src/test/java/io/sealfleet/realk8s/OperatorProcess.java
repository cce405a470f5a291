package io.sealfleet.realk8s;

import io.sealfleet.cli.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code sealfleet operator} as its own process (as in its pod), its output appended to a log file, so a
 * test can kill it as a crash does (SIGKILL) or stop it as Kubernetes does (SIGTERM).
 */
final class OperatorProcess implements AutoCloseable {
    private final List<String> args;
    private final Path log;
    private Process process;

    OperatorProcess(List<String> args, Path log) {
        this.args = List.copyOf(args);
        this.log = log;
    }

    OperatorProcess start() {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "operator"));
        cmd.addAll(args);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: the process ends at once, nothing of it runs afterwards. */
    void kill() {
        process.destroyForcibly();
        waitFor(30);
    }

    /** SIGTERM, then waits up to {@code seconds}; true when the process exited in time. */
    boolean terminate(int seconds) {
        process.destroy();
        return waitFor(seconds);
    }

    private boolean waitFor(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until the log holds {@code line} after {@code from} characters; false when the process died or time ran out. */
    boolean awaitLog(String line, int from, java.time.Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline && alive()) {
            String log = log();
            if (log.length() > from && log.indexOf(line, from) >= 0) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        if (alive()) {
            process.destroyForcibly();
            waitFor(30);
        }
    }
}
