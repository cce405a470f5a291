package io.sealfleet.table;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One worker's resource table: the defaults with its overrides applied in Lotus's precedence
 * (size-specific key, then the unsized key, then the multicore-SDR rule for PreCommit1/Unseal
 * threads, then the default). Unlike Lotus, an override that does not parse is an error.
 */
public final class ResourceTable {
    public static final String MULTICORE_SDR = "FIL_PROOFS_USE_MULTICORE_SDR";
    public static final String SDR_PRODUCERS = "FIL_PROOFS_MULTICORE_SDR_PRODUCERS";
    private static final int DEFAULT_SDR_PRODUCERS = 3;

    private static final ResourceTable DEFAULT = of(Map.of(), Map.of());

    private final Map<TaskType, Map<SectorSize, ResourceSpec>> rows;
    private final Map<String, String> overrides;
    private final Integer sdrThreads;
    private final List<String> notes;
    /** Types whose kernel runs on the CPU engine on this worker although Lotus's table gives them a GPU. */
    private final java.util.Set<TaskType> cpuEngine;

    private ResourceTable(Map<TaskType, Map<SectorSize, ResourceSpec>> rows, Map<String, String> overrides,
                          Integer sdrThreads, List<String> notes, java.util.Set<TaskType> cpuEngine) {
        this.rows = rows;
        this.overrides = overrides;
        this.sdrThreads = sdrThreads;
        this.notes = notes;
        this.cpuEngine = cpuEngine;
    }

    /**
     * This table with {@code type} run on the CPU engine: no GPU share and the CPU thread count
     * (MaxParallelism, the 92 % rule for PreCommit2), not MaxParallelismGPU, because the kernel does
     * not touch the GPU.
     */
    public ResourceTable withCpuEngine(TaskType type) {
        if (cpuEngine.contains(type)) {
            return this;
        }
        Map<TaskType, Map<SectorSize, ResourceSpec>> out = new EnumMap<>(rows);
        Map<SectorSize, ResourceSpec> bySize = new EnumMap<>(SectorSize.class);
        rows.get(type).forEach((size, spec) -> bySize.put(size, spec.withGpuUtilization(0).withMaxParallelismGpu(0)));
        out.put(type, bySize);
        java.util.Set<TaskType> cpu = java.util.EnumSet.noneOf(TaskType.class);
        cpu.addAll(cpuEngine);
        cpu.add(type);
        return new ResourceTable(out, overrides, sdrThreads, notes, java.util.Collections.unmodifiableSet(cpu));
    }

    /** Whether {@link #withCpuEngine} moved the type off the GPU. */
    public boolean onCpuEngine(TaskType type) {
        return cpuEngine.contains(type);
    }

    public static ResourceTable defaults() {
        return DEFAULT;
    }

    public ResourceSpec get(TaskType type, SectorSize size) {
        return rows.get(type).get(size);
    }

    /** How keys written with Lotus's documented codes were read, one line each (empty when none were). */
    public List<String> notes() {
        return notes;
    }

    /**
     * Builds a worker's table.
     *
     * @param overrides {@code spec.resourceTable}: {@code <SHORT>_<SIZE>_<FIELD>} or {@code <SHORT>_<FIELD>}
     * @param env       the worker's environment ({@code spec.env}); only the multicore-SDR settings are read
     * @throws InvalidOverrideException naming the first key or value that cannot be used
     */
    public static ResourceTable of(Map<String, String> overrides, Map<String, String> env) {
        Map<String, String> given = overrides == null ? Map.of() : overrides;
        Map<String, String> environment = env == null ? Map.of() : env;
        for (String key : new TreeMap<>(environment).keySet()) {
            if (OverrideKey.parse(key) != null) {
                throw new InvalidOverrideException("spec.env." + key,
                        "resource-table overrides belong in spec.resourceTable, not in the environment");
            }
        }
        Map<OverrideKey, String> sized = new TreeMap<>();
        Map<OverrideKey, String> unsized = new TreeMap<>();
        Map<OverrideKey, String> written = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(given).entrySet()) {
            OverrideKey key = OverrideKey.parse(e.getKey());
            if (key == null) {
                throw new InvalidOverrideException("spec.resourceTable." + e.getKey(), OverrideKey.explain(e.getKey()));
            }
            String earlier = written.put(key, e.getKey());
            if (earlier != null) {
                throw new InvalidOverrideException("spec.resourceTable." + e.getKey(), "sets the same value as " + earlier
                        + " (both read as " + key.canonical() + "); keep one of them");
            }
            if (!e.getKey().equals(key.canonical())) {
                notes.add("spec.resourceTable." + e.getKey() + ": read as " + key.canonical() + " ("
                        + e.getKey().substring(0, e.getKey().indexOf('_')) + " is how the Lotus docs write "
                        + key.type().name() + "; lotus-miner and sealfleet call it " + key.type().shortName() + ")");
            }
            (key.size() == null ? unsized : sized).put(key, e.getValue());
        }

        Integer sdrThreads = multicoreSdrThreads(environment);
        Map<TaskType, Map<SectorSize, ResourceSpec>> rows = new EnumMap<>(TaskType.class);
        for (TaskType type : TaskType.values()) {
            Map<SectorSize, ResourceSpec> bySize = new EnumMap<>(SectorSize.class);
            for (SectorSize size : SectorSize.values()) {
                ResourceSpec spec = DefaultResourceTable.get(type, size);
                if (sdrThreads != null && (type == TaskType.PreCommit1 || type == TaskType.Unseal)) {
                    spec = spec.withMaxParallelism(sdrThreads);
                }
                for (ResourceField field : ResourceField.values()) {
                    OverrideKey key = new OverrideKey(type, size, field);
                    String value = sized.get(key);
                    if (value == null) {
                        key = new OverrideKey(type, null, field);
                        value = unsized.get(key);
                    }
                    String source = written.get(key);
                    if (value != null) {
                        try {
                            spec = field.apply(spec, value);
                        } catch (IllegalArgumentException ex) {
                            throw new InvalidOverrideException("spec.resourceTable." + source, ex.getMessage());
                        }
                    }
                }
                bySize.put(size, spec);
            }
            rows.put(type, bySize);
        }
        return new ResourceTable(rows, Map.copyOf(new TreeMap<>(given)), sdrThreads, List.copyOf(notes), java.util.Set.of());
    }

    /** Two tables are equal when built from the same overrides, multicore-SDR setting and CPU-engine types. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ResourceTable t && overrides.equals(t.overrides) && java.util.Objects.equals(sdrThreads, t.sdrThreads)
                && cpuEngine.equals(t.cpuEngine);
    }

    @Override
    public int hashCode() {
        return (overrides.hashCode() * 31 + java.util.Objects.hashCode(sdrThreads)) * 31 + cpuEngine.hashCode();
    }

    /** PreCommit1 and Unseal use producers + 1 threads under multicore SDR, as lotus-worker does. */
    private static Integer multicoreSdrThreads(Map<String, String> env) {
        String flag = env.get(MULTICORE_SDR);
        if (flag == null || !flag.trim().equals("1")) {
            return null;
        }
        String producers = env.get(SDR_PRODUCERS);
        if (producers == null) {
            return DEFAULT_SDR_PRODUCERS + 1;
        }
        try {
            int n = Integer.parseInt(producers.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n + 1;
        } catch (NumberFormatException e) {
            throw new InvalidOverrideException("spec.env." + SDR_PRODUCERS,
                    "'" + producers + "' is not a producer count (write a whole number such as 3)");
        }
    }

    /** A parsed override key; {@code size} is null for the unsized form. */
    record OverrideKey(TaskType type, SectorSize size, ResourceField field) implements Comparable<OverrideKey> {
        static OverrideKey parse(String key) {
            for (ResourceField field : ResourceField.values()) {
                String suffix = "_" + field.name();
                if (!key.endsWith(suffix)) {
                    continue;
                }
                String[] head = key.substring(0, key.length() - suffix.length()).split("_", -1);
                TaskType type = TaskType.fromShortName(head[0]);
                if (type == null) {
                    type = TaskType.fromLotusDocsCode(head[0]);
                }
                if (type == null || head.length > 2) {
                    continue;
                }
                if (head.length == 1) {
                    return new OverrideKey(type, null, field);
                }
                SectorSize size = SectorSize.fromEnvName(head[1]);
                if (size != null && size.envName().equals(head[1])) {
                    return new OverrideKey(type, size, field);
                }
            }
            return null;
        }

        /** The key as sealfleet writes it: {@code PR2_32G_MAX_CONCURRENT}. */
        String canonical() {
            return type.shortName() + (size == null ? "" : "_" + size.envName()) + "_" + field.name();
        }

        /** Every key sealfleet reads, for "did you mean". */
        static List<String> all() {
            List<String> keys = new ArrayList<>();
            for (TaskType t : TaskType.values()) {
                for (ResourceField f : ResourceField.values()) {
                    keys.add(new OverrideKey(t, null, f).canonical());
                    for (SectorSize s : SectorSize.values()) {
                        keys.add(new OverrideKey(t, s, f).canonical());
                    }
                }
            }
            return keys;
        }

        static String explain(String key) {
            String suggestion = Suggestions.closest(key, all()).map(k -> "did you mean " + k + "? ").orElse("");
            StringBuilder shorts = new StringBuilder();
            for (TaskType t : TaskType.values()) {
                shorts.append(shorts.length() == 0 ? "" : ", ").append(t.shortName());
            }
            return "not a resource-table key; " + suggestion + "write <TASK>_<SIZE>_<FIELD> or <TASK>_<FIELD> with TASK one of "
                    + shorts + ", SIZE one of 2K, 8M, 512M, 32G, 64G, and FIELD one of MIN_MEMORY, MAX_MEMORY, "
                    + "BASE_MIN_MEMORY, GPU_UTILIZATION, MAX_PARALLELISM, MAX_PARALLELISM_GPU, MAX_CONCURRENT "
                    + "(e.g. PC1_32G_MAX_CONCURRENT)";
        }

        @Override
        public int compareTo(OverrideKey o) {
            int c = type.compareTo(o.type);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(size == null ? -1 : size.ordinal(), o.size == null ? -1 : o.size.ordinal());
            return c != 0 ? c : field.compareTo(o.field);
        }
    }
}
