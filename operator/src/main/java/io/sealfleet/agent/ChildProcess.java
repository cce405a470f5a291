package io.sealfleet.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealfleet.api.AttemptFailure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a kernel (the native {@code sealer}, or an external prover) as a child process: one JSON
 * object on stdout, progress lines on stderr, a one-line error and a non-zero exit on failure.
 * {@link #kill()} stops it at once, as when the task was bound elsewhere.
 */
final class ChildProcess {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OpenFilesLimit openFiles;
    private volatile Process process;
    private volatile boolean killed;

    /** @param openFiles the limit children run with, their soft limit raised to its hard one; null to leave it */
    ChildProcess(OpenFilesLimit openFiles) {
        this.openFiles = openFiles;
    }

    /** Runs to completion and returns stdout, or throws with the child's own last error line. */
    byte[] run(List<String> command, Map<String, String> env, Path workDir, InputStream stdin, Consumer<String> progress)
            throws KernelException, IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(openFiles == null ? command : openFiles.launch(command)).directory(workDir.toFile());
        pb.environment().putAll(env);
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null")) : ProcessBuilder.Redirect.PIPE);
        if (killed) {
            throw new KernelException(AttemptFailure.Stopped, "stopped before " + command.get(0) + " started");
        }
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new KernelException(AttemptFailure.KernelMissing, "cannot start " + command.get(0) + ": " + e.getMessage());
        }
        Process p = process;
        String[] lastErr = {""};
        Thread errReader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (!line.isBlank()) {
                        lastErr[0] = line.trim();
                        progress.accept(line);
                    }
                }
            } catch (IOException ignored) {
                // The child died; its exit status tells the rest.
            }
        }, "sealer-stderr");
        errReader.setDaemon(true);
        errReader.start();
        if (stdin != null) {
            try (var out = p.getOutputStream()) {
                stdin.transferTo(out);
            } catch (IOException ignored) {
                // A child that stops reading early reports its own error below.
            }
        }
        byte[] out = p.getInputStream().readAllBytes();
        int code = p.waitFor();
        errReader.join(TimeUnit.SECONDS.toMillis(5));
        if (killed) {
            throw new KernelException(AttemptFailure.Stopped, command.get(0) + " was stopped");
        }
        if (code != 0) {
            String err = lastErr[0].isEmpty() ? errorField(out) : lastErr[0];
            throw new KernelException(AttemptFailure.KernelFailed, command.get(0) + " " + (command.size() > 1 ? command.get(1) + " " : "")
                    + "exited " + code + ": " + err);
        }
        return out;
    }

    /** Stops the child and its children now. */
    void kill() {
        killed = true;
        Process p = process;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    static JsonNode json(byte[] stdout, String what) throws KernelException {
        try {
            return JSON.readTree(stdout);
        } catch (IOException e) {
            throw new KernelException(AttemptFailure.KernelFailed, what + " printed no JSON object: " + e.getMessage());
        }
    }

    private static String errorField(byte[] out) {
        try {
            JsonNode n = JSON.readTree(out);
            return n != null && n.has("error") ? n.get("error").asText() : "no error message";
        } catch (IOException e) {
            return "no error message";
        }
    }
}
