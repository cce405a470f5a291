package io.sealfleet.agent;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A sector's file name as Lotus writes it: {@code s-t01000-12} for sector 12 of miner f01000 or t01000. */
public record SectorName(long minerId, long number) {
    private static final Pattern MINER = Pattern.compile("^[ft]0(0|[1-9][0-9]*)$");
    private static final Pattern FILE = Pattern.compile("^s-t0(0|[1-9][0-9]*)-(0|[1-9][0-9]*)$");

    public static SectorName of(String miner, long number) {
        Matcher m = MINER.matcher(miner);
        if (!m.matches()) {
            throw new IllegalArgumentException("miner '" + miner + "' is not an actor ID such as f01000");
        }
        return new SectorName(Long.parseLong(m.group(1)), number);
    }

    /** Parses {@code s-t01000-12}; null when the name is not a sector file name. */
    public static SectorName parse(String fileName) {
        Matcher m = FILE.matcher(fileName);
        return m.matches() ? new SectorName(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))) : null;
    }

    public String miner() {
        return "f0" + minerId;
    }

    @Override
    public String toString() {
        return "s-t0" + minerId + "-" + number;
    }
}
