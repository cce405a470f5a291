package io.sealfleet.table;

import java.util.Locale;

/** The five sector sizes Filecoin seals, with the names Lotus uses in its environment overrides. */
public enum SectorSize {
    S2KiB("2KiB", "2K", 2L << 10),
    S8MiB("8MiB", "8M", 8L << 20),
    S512MiB("512MiB", "512M", 512L << 20),
    S32GiB("32GiB", "32G", 32L << 30),
    S64GiB("64GiB", "64G", 64L << 30);

    private final String label;
    private final String envName;
    private final long bytes;

    SectorSize(String label, String envName, long bytes) {
        this.label = label;
        this.envName = envName;
        this.bytes = bytes;
    }

    /** The name used in manifests and output: {@code 32GiB}. */
    public String label() {
        return label;
    }

    /** The short form used inside override keys: {@code 32G} in {@code PC1_32G_MAX_CONCURRENT}. */
    public String envName() {
        return envName;
    }

    public long bytes() {
        return bytes;
    }

    /**
     * Bytes of data the sector holds: every 128 padded bytes carry 127 (fr32). ReadUnsealed ranges and
     * Lotus's piece offsets count in these.
     */
    public long unpaddedBytes() {
        return bytes - bytes / 128;
    }

    /** Parses {@code 32GiB} or the byte count {@code 34359738368}. */
    public static SectorSize parse(String text) {
        String t = text.trim();
        for (SectorSize s : values()) {
            if (s.label.equalsIgnoreCase(t) || Long.toString(s.bytes).equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown sector size '" + text + "': use one of 2KiB, 8MiB, 512MiB, 32GiB, 64GiB");
    }

    public static SectorSize fromEnvName(String text) {
        for (SectorSize s : values()) {
            if (s.envName.equals(text.toUpperCase(Locale.ROOT))) {
                return s;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return label;
    }
}
