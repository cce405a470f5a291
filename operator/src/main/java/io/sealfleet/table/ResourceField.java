package io.sealfleet.table;

/** The seven fields of a resource-table row, named as in Lotus's environment overrides. */
public enum ResourceField {
    // Longer names first: MAX_PARALLELISM_GPU must not be read as MAX_PARALLELISM, nor
    // BASE_MIN_MEMORY as MIN_MEMORY.
    MAX_PARALLELISM_GPU,
    MAX_PARALLELISM,
    BASE_MIN_MEMORY,
    MIN_MEMORY,
    MAX_MEMORY,
    GPU_UTILIZATION,
    MAX_CONCURRENT;

    ResourceSpec apply(ResourceSpec spec, String value) {
        return switch (this) {
            case MIN_MEMORY -> spec.withMinMemory(Bytes.parse(value));
            case MAX_MEMORY -> spec.withMaxMemory(Bytes.parse(value));
            case BASE_MIN_MEMORY -> spec.withBaseMinMemory(Bytes.parse(value));
            case GPU_UTILIZATION -> spec.withGpuUtilization(parseGpu(value));
            case MAX_PARALLELISM -> spec.withMaxParallelism(parseInt(value, -1, "-1 (the 92 % rule), 0 or a thread count"));
            case MAX_PARALLELISM_GPU -> spec.withMaxParallelismGpu(parseInt(value, -1, "-1, 0 (inherit MAX_PARALLELISM) or a thread count"));
            case MAX_CONCURRENT -> spec.withMaxConcurrent(parseInt(value, 0, "0 (no limit) or a positive count"));
        };
    }

    private static double parseGpu(String value) {
        double v;
        try {
            v = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number of GPUs (write 1, 0.5 or 0)");
        }
        if (!Double.isFinite(v) || v < 0) {
            throw new IllegalArgumentException("'" + value + "' must be a GPU share of 0 or more (write 1, 0.5 or 0)");
        }
        return v;
    }

    private static int parseInt(String value, int min, String expected) {
        int v;
        try {
            v = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not an integer (write " + expected + ")");
        }
        if (v < min) {
            throw new IllegalArgumentException("'" + value + "' is " + (v < 0 ? "negative" : "out of range")
                    + " (write " + expected + ")");
        }
        return v;
    }
}
