package io.sealfleet.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The open-files limit (RLIMIT_NOFILE) the kernels run with. lotus-worker's guide raises the soft
 * limit before starting (ulimit -n 1048576); the agent does the same for every kernel it starts: it
 * launches the child through {@code sh}, which raises its soft limit to the hard limit and then
 * replaces itself with the kernel. The hard limit is the container runtime's LimitNOFILE; a process
 * cannot raise it, so a hard limit below what sealing needs is reported, not worked around.
 *
 * @param soft the agent's own soft limit
 * @param hard its hard limit, which children may raise their soft limit to
 */
public record OpenFilesLimit(long soft, long hard) {
    /** lotus-worker's documented setting. */
    public static final long REQUIRED = 1_048_576;
    static final Path PROC_LIMITS = Path.of("/proc/self/limits");
    private static final Path NR_OPEN = Path.of("/proc/sys/fs/nr_open");

    /** This process's limits, or null where /proc does not say (not Linux). */
    static OpenFilesLimit ofThisProcess() {
        try {
            return Files.isReadable(PROC_LIMITS) ? parse(Files.readString(PROC_LIMITS), nrOpen()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Reads the "Max open files" line of a {@code /proc/<pid>/limits} text; "unlimited" is the kernel's
     * ceiling {@code nrOpen}, the most a soft limit can be raised to.
     */
    static OpenFilesLimit parse(String procLimits, long nrOpen) {
        for (String line : procLimits.split("\n")) {
            if (!line.startsWith("Max open files")) {
                continue;
            }
            String[] f = line.substring("Max open files".length()).trim().split("\\s+");
            if (f.length < 2) {
                break;
            }
            return new OpenFilesLimit(value(f[0], nrOpen), value(f[1], nrOpen));
        }
        throw new IllegalArgumentException("no 'Max open files' line in the limits text");
    }

    private static long value(String s, long nrOpen) {
        return s.equals("unlimited") ? nrOpen : Long.parseLong(s);
    }

    private static long nrOpen() {
        try {
            return Long.parseLong(Files.readString(NR_OPEN).trim());
        } catch (IOException | NumberFormatException e) {
            return REQUIRED;
        }
    }

    /** The soft limit a kernel started through {@link #launch} runs with. */
    public long effective() {
        return Math.max(soft, hard);
    }

    /** The command that starts {@code command} with its soft limit raised to the hard limit. */
    List<String> launch(List<String> command) {
        if (soft >= hard) {
            return command;
        }
        List<String> out = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -S -n \"$0\" && exec \"$@\"", Long.toString(hard)));
        out.addAll(command);
        return out;
    }
}
