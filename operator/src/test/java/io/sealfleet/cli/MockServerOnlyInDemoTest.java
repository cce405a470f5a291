package io.sealfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fabric8's mock server ships in the jar only because {@code sealfleet demo} runs an in-process API
 * server ({@link EmbeddedCluster}, with {@link KubectlDispatcher} answering kubectl's discovery and
 * table requests); no other main code may depend on it.
 */
class MockServerOnlyInDemoTest {
    private static final Path MAIN = Path.of(System.getProperty("sealfleet.repo.root", "..")).toAbsolutePath().normalize()
            .resolve("operator/src/main/java");

    @Test
    void onlyTheDemosEmbeddedApiImportsTheMockServer() throws Exception {
        List<Path> users;
        try (Stream<Path> files = Files.walk(MAIN)) {
            users = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    String s = Files.readString(p);
                    return s.contains("import io.fabric8.kubernetes.client.server.mock") || s.contains("import io.fabric8.mockwebserver");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(MAIN::relativize).toList();
        }
        assertThat(users).containsExactlyInAnyOrder(Path.of("io/sealfleet/cli/EmbeddedCluster.java"),
                Path.of("io/sealfleet/cli/KubectlDispatcher.java"));
    }
}
