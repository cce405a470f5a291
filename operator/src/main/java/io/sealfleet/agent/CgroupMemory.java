package io.sealfleet.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory and swap in use by the agent's container, from its cgroup, as the kubelet counts them: the
 * working set (usage less inactive file cache, which the kernel reclaims before it swaps or kills)
 * and the swap in use.
 *
 * <ul>
 * <li>cgroup v2 ({@code cgroup.controllers} at the root): {@code memory.current} less
 *     {@code inactive_file} of {@code memory.stat}; {@code memory.swap.current}.</li>
 * <li>cgroup v1 ({@code memory/} under the root): {@code memory.usage_in_bytes} less
 *     {@code total_inactive_file}; swap is {@code memory.memsw.usage_in_bytes} less
 *     {@code memory.usage_in_bytes} (0 where the kernel does not account swap).</li>
 * </ul>
 *
 * @param version "v1" or "v2"
 */
public record CgroupMemory(String version, long memoryBytes, long swapBytes) {
    static final Path ROOT = Path.of("/sys/fs/cgroup");

    /** The container's memory use under {@code root}, or null where neither layout is there. */
    static CgroupMemory read(Path root) throws IOException {
        if (Files.isRegularFile(root.resolve("memory.current"))) {
            long current = number(root.resolve("memory.current"));
            long inactive = stat(root.resolve("memory.stat"), "inactive_file");
            Path swap = root.resolve("memory.swap.current");
            return new CgroupMemory("v2", Math.max(0, current - inactive), Files.isRegularFile(swap) ? number(swap) : 0);
        }
        Path v1 = root.resolve("memory");
        if (Files.isRegularFile(v1.resolve("memory.usage_in_bytes"))) {
            long usage = number(v1.resolve("memory.usage_in_bytes"));
            long inactive = stat(v1.resolve("memory.stat"), "total_inactive_file");
            Path memsw = v1.resolve("memory.memsw.usage_in_bytes");
            long swap = Files.isRegularFile(memsw) ? Math.max(0, number(memsw) - usage) : 0;
            return new CgroupMemory("v1", Math.max(0, usage - inactive), swap);
        }
        return null;
    }

    private static long number(Path f) throws IOException {
        String s = Files.readString(f).trim();
        return s.equals("max") ? Long.MAX_VALUE : Long.parseLong(s);
    }

    private static long stat(Path f, String key) throws IOException {
        if (!Files.isRegularFile(f)) {
            return 0;
        }
        for (String line : Files.readAllLines(f)) {
            String[] kv = line.trim().split("\\s+");
            if (kv.length == 2 && kv[0].equals(key)) {
                return Long.parseLong(kv[1]);
            }
        }
        return 0;
    }
}
