package io.sealfleet.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.sealfleet.api.ApiGroup;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.StorageGroup;
import io.sealfleet.table.Suggestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads SealingWorker, StorageGroup and SectorTask objects from multi-document YAML files (or the
 * YAML files of a directory). Unknown fields and kinds are errors: a typo must not silently change
 * what gets scheduled.
 */
public final class ManifestReader {
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "SectorTask", SectorTask.class, "SealingWorker", SealingWorker.class, "StorageGroup", StorageGroup.class);
    private static final String API_VERSION = ApiGroup.GROUP + "/" + ApiGroup.VERSION;

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final List<String> notes = new ArrayList<>();

    /** What was skipped while reading, one line each: documents that are not Kubernetes objects. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    public List<Manifest> read(List<Path> paths) throws ManifestException {
        List<Manifest> out = new ArrayList<>();
        for (Path p : expand(paths)) {
            out.addAll(readFile(p));
        }
        return out;
    }

    private static List<Path> expand(List<Path> paths) throws ManifestException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> Files.isRegularFile(f) && (f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")))
                            .sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new ManifestException(p + ": cannot list the directory: " + e.getMessage());
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new ManifestException(p + ": no such file or directory");
            }
        }
        return files;
    }

    List<Manifest> readFile(Path file) throws ManifestException {
        List<JsonNode> docs = new ArrayList<>();
        try (JsonParser parser = yaml.getFactory().createParser(file.toFile());
             MappingIterator<JsonNode> it = yaml.readValues(parser, JsonNode.class)) {
            while (it.hasNextValue()) {
                docs.add(it.nextValue());
            }
        } catch (JsonProcessingException e) {
            throw new ManifestException(file + ": not valid YAML: " + oneLine(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new ManifestException(file + ": cannot read: " + e.getMessage());
        }
        List<Manifest> out = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            JsonNode doc = docs.get(i);
            if (doc == null || doc.isNull() || doc.isMissingNode() || (doc.isObject() && doc.isEmpty())) {
                continue;
            }
            if (!doc.isObject() || (!doc.has("apiVersion") && !doc.has("kind"))) {
                notes.add("skipped " + file + "#" + (i + 1) + ": not a Kubernetes object (it has no apiVersion or kind)");
                continue;
            }
            out.add(convert(file + "#" + (i + 1), doc));
        }
        return out;
    }

    private Manifest convert(String source, JsonNode doc) throws ManifestException {
        String apiVersion = doc.path("apiVersion").asText("");
        String kind = doc.path("kind").asText("");
        Class<? extends HasMetadata> type = KINDS.get(kind);
        if (!API_VERSION.equals(apiVersion) || type == null) {
            throw new ManifestException(source + ": apiVersion '" + apiVersion + "' kind '" + kind
                    + "' is not a sealfleet object; expected apiVersion " + API_VERSION
                    + " and kind SealingWorker, StorageGroup or SectorTask");
        }
        String name = doc.path("metadata").path("name").asText("");
        String where = source + " (" + kind + (name.isEmpty() ? "" : " " + name) + ")";
        if (name.isEmpty()) {
            throw new ManifestException(where + ": metadata.name: required");
        }
        HasMetadata obj;
        try {
            obj = yaml.treeToValue(doc, type);
        } catch (JsonMappingException e) {
            throw new ManifestException(where + ": " + describe(e));
        } catch (JsonProcessingException e) {
            throw new ManifestException(where + ": " + oneLine(e.getOriginalMessage()));
        }
        if (obj.getMetadata().getNamespace() == null) {
            obj.getMetadata().setNamespace("default");
        }
        return new Manifest(source, obj);
    }

    /** "spec.storage[0].canseal: unknown field" from Jackson's path and problem. */
    static String describe(JsonMappingException e) {
        String field = path(e.getPath());
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return field + ": unknown field" + Suggestions.didYouMean(u.getPropertyName(), known)
                    + "; known fields here: " + known;
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            List<String> values = Arrays.stream(f.getTargetType().getEnumConstants()).map(String::valueOf).toList();
            return field + ": '" + f.getValue() + "' is not one of " + values
                    + Suggestions.didYouMean(String.valueOf(f.getValue()), values);
        }
        if (e instanceof InvalidFormatException f) {
            return field + ": '" + f.getValue() + "' is not a valid " + f.getTargetType().getSimpleName();
        }
        return field + ": " + oneLine(e.getOriginalMessage());
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(document)" : sb.toString();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
