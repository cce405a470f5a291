package io.sealfleet.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** One document of a (multi-document) YAML manifest file, with where it came from. */
public record ManifestDocument(Path file, int index, JsonNode object) {
    private static final YAMLMapper YAML = new YAMLMapper();

    /** Every document of every *.yaml / *.yml under {@code dir}, recursively, in path order; empty documents skipped. */
    public static List<ManifestDocument> readAll(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<ManifestDocument> documents = new ArrayList<>();
            for (Path file : files.filter(ManifestDocument::isYaml).sorted().toList()) {
                documents.addAll(read(file));
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<ManifestDocument> read(Path file) {
        List<ManifestDocument> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            int index = 0;
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    documents.add(new ManifestDocument(file, index, node));
                }
                index++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return documents;
    }

    public boolean isSealfleetObject() {
        return CrdSchemaValidator.isSealfleetObject(object);
    }

    /** e.g. {@code storage-groups.yaml #3 SealingWorker/worker-a}, as a test name. */
    public String displayName(Path base) {
        return base.relativize(file) + " #" + index + " " + object.path("kind").asText("?") + "/"
                + object.path("metadata").path("name").asText("?");
    }

    private static boolean isYaml(Path p) {
        String name = p.getFileName().toString();
        return Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }
}
