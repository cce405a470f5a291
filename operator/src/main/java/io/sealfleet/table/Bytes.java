package io.sealfleet.table;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte counts as people write them (56Gi, 56GiB, 60129542144) and as we print them (56 GiB). */
public final class Bytes {
    public static final long KiB = 1L << 10;
    public static final long MiB = 1L << 20;
    public static final long GiB = 1L << 30;
    public static final long TiB = 1L << 40;

    private static final Pattern QUANTITY =
            Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)\\s*(|k|K|Ki|KiB|M|Mi|MiB|G|Gi|GiB|T|Ti|TiB|P|Pi|PiB)$");

    private Bytes() {
    }

    /**
     * Parses a plain byte count or a quantity with a binary (Ki, KiB) or decimal (k, M, G) suffix.
     *
     * @throws IllegalArgumentException when the text is not a non-negative byte quantity
     */
    public static long parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.startsWith("-") && QUANTITY.matcher(t.substring(1).trim()).matches()) {
            throw new IllegalArgumentException("'" + text + "' is negative; a byte quantity is 0 or more (write 60129542144, "
                    + "56Gi or 56GiB)");
        }
        Matcher m = QUANTITY.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a byte quantity (write 60129542144, 56Gi or 56GiB)");
        }
        BigDecimal value = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(multiplier(m.group(2))));
        try {
            return value.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too large a byte quantity");
        }
    }

    private static long multiplier(String suffix) {
        return switch (suffix) {
            case "" -> 1;
            case "k", "K" -> 1000L;
            case "Ki", "KiB" -> KiB;
            case "M" -> 1000_000L;
            case "Mi", "MiB" -> MiB;
            case "G" -> 1000_000_000L;
            case "Gi", "GiB" -> GiB;
            case "T" -> 1000_000_000_000L;
            case "Ti", "TiB" -> TiB;
            case "P" -> 1000_000_000_000_000L;
            case "Pi", "PiB" -> TiB * 1024;
            default -> throw new IllegalStateException(suffix);
        };
    }

    /** 60129542144 → "56 GiB"; 1610612736 → "1.5 GiB"; 2048 → "2 KiB". */
    public static String format(long bytes) {
        long abs = Math.abs(bytes);
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        long[] sizes = {TiB, GiB, MiB, KiB};
        for (int i = 0; i < units.length; i++) {
            if (abs >= sizes[i]) {
                double v = (double) bytes / sizes[i];
                String num = Math.abs(v - Math.rint(v)) < 0.05
                        ? Long.toString(Math.round(v))
                        : String.format(Locale.ROOT, "%.1f", v);
                return num + " " + units[i];
            }
        }
        return bytes + " B";
    }
}
