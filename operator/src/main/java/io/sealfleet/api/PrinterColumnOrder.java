package io.sealfleet.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.model.annotation.Plural;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Puts the printer columns of the generated CRDs in the order the kind's annotations declare them.
 * Fabric8's generator sorts them by JSON path, which made kubectl print AGE first; kubectl prints them
 * in CRD order, and the order is part of the answer ("which worker, and if none, why"). The build runs
 * this right after the generator (operator/pom.xml), on the generated files, rewriting only the
 * column list so the rest of each file stays byte for byte the generator's.
 */
public final class PrinterColumnOrder {
    static final List<Class<?>> KINDS = List.of(SealingWorker.class, SectorTask.class, StorageGroup.class);
    private static final String KEY = "additionalPrinterColumns:";

    private PrinterColumnOrder() {
    }

    /** {@code args[0]}: the directory the generator wrote the CRDs to. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        for (Class<?> kind : KINDS) {
            Path crd = dir.resolve(kind.getAnnotation(Plural.class).value() + "." + ApiGroup.GROUP + "-v1.yml");
            if (!Files.exists(crd)) {
                throw new IOException(crd + " was not generated; is the CRD generator configured for " + kind.getSimpleName() + "?");
            }
            String before = Files.readString(crd, StandardCharsets.UTF_8);
            String after = reorder(before, declaredNames(kind));
            if (!after.equals(before)) {
                Files.writeString(crd, after, StandardCharsets.UTF_8);
            }
        }
    }

    static List<String> declaredNames(Class<?> kind) {
        return Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class)).map(AdditionalPrinterColumn::name).toList();
    }

    /** The CRD text with every version's column list in {@code order}; columns not named keep their place after them. */
    static String reorder(String yaml, List<String> order) {
        List<String> lines = new ArrayList<>(yaml.lines().toList());
        for (int i = 0; i < lines.size(); i++) {
            int key = lines.get(i).indexOf(KEY);
            if (key < 0) {
                continue;
            }
            String itemStart = " ".repeat(key) + "- ";
            String itemBody = " ".repeat(key + 2);
            List<List<String>> items = new ArrayList<>();
            int j = i + 1;
            while (j < lines.size() && (lines.get(j).startsWith(itemStart) || (!items.isEmpty() && lines.get(j).startsWith(itemBody)))) {
                if (lines.get(j).startsWith(itemStart)) {
                    items.add(new ArrayList<>());
                }
                items.get(items.size() - 1).add(lines.get(j));
                j++;
            }
            List<List<String>> sorted = new ArrayList<>(items);
            sorted.sort((a, b) -> Integer.compare(rank(order, a), rank(order, b)));
            List<String> flat = sorted.stream().flatMap(List::stream).toList();
            for (int k = 0; k < flat.size(); k++) {
                lines.set(i + 1 + k, flat.get(k));
            }
            i = j - 1;
        }
        return String.join("\n", lines) + (yaml.endsWith("\n") ? "\n" : "");
    }

    private static int rank(List<String> order, List<String> item) {
        for (String line : item) {
            String t = line.strip().replaceFirst("^- ", "");
            if (t.startsWith("name: ")) {
                int at = order.indexOf(t.substring("name: ".length()).replace("\"", ""));
                return at < 0 ? order.size() : at;
            }
        }
        return order.size();
    }
}
