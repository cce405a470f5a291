package io.sealfleet.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the CRDs live: generated into the build output at process-classes, committed under crds/. */
final class GeneratedCrds {
    private static final String GENERATED_RESOURCE = "META-INF/fabric8";
    private static final String SUFFIX = "-v1.yml";
    private static final YAMLMapper YAML = new YAMLMapper();

    private GeneratedCrds() {
    }

    /** The repository root; surefire passes it, an IDE run falls back to walking up to the top-level pom. */
    static Path repoRoot() {
        String property = System.getProperty("sealfleet.repo.root");
        if (property != null) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("operator"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root; set -Dsealfleet.repo.root");
        }
        return dir;
    }

    static Path committedDir() {
        return repoRoot().resolve("crds");
    }

    /** The generator's output on the test classpath (target/classes/META-INF/fabric8). */
    static Path generatedDir() {
        URL url = GeneratedCrds.class.getClassLoader().getResource(GENERATED_RESOURCE);
        if (url == null) {
            throw new IllegalStateException(GENERATED_RESOURCE + " is not on the classpath: the CRDs are generated at "
                    + "process-classes, so run the tests through Maven (mvn test), not after a bare compile");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> generatedFiles() {
        return crdFiles(generatedDir());
    }

    /** The CRD files of a directory (*-v1.yml), sorted by name. */
    static List<Path> crdFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path crd) {
        try {
            return YAML.readTree(crd.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> loadGenerated() {
        return generatedFiles().stream().map(GeneratedCrds::read).toList();
    }
}
