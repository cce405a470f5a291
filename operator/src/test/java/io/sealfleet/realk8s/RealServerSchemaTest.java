package io.sealfleet.realk8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.sealfleet.api.ManifestDocument;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The generated CRDs on a real kube-apiserver: they install (the server type-checks and prices every CEL
 * rule, which the mock never does), every example is admitted by a server-side dry run in any namespace,
 * and every invalid object of the bad-input fixtures is refused by the server's own schema or CEL rules
 * with a message that names the field at fault.
 */
class RealServerSchemaTest {
    private static final String EXPECTED_FIELD = "test.sealfleet.io/expected-field";
    private static RealCluster cluster;
    private static String namespace;

    @BeforeAll
    static void cluster() {
        cluster = RealCluster.get();
        namespace = cluster.namespace("schema");
    }

    @Test
    void everyGeneratedCrdIsEstablished() {
        List<ManifestDocument> crds = ManifestDocument.readAll(RealCluster.REPO.resolve("crds"));
        assertThat(crds).hasSize(3);
        for (ManifestDocument d : crds) {
            String name = d.object().path("metadata").path("name").asText();
            CustomResourceDefinition crd = cluster.admin().apiextensions().v1().customResourceDefinitions().withName(name).get();
            assertThat(crd).as(name).isNotNull();
            assertThat(crd.getStatus().getConditions()).as("conditions of " + name)
                    .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()))
                    .noneMatch(c -> "NamesAccepted".equals(c.getType()) && !"True".equals(c.getStatus()));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleIsAdmittedByAServerSideDryRunInAnyNamespace() {
        Path examples = RealCluster.REPO.resolve("examples");
        List<ManifestDocument> docs = ManifestDocument.readAll(examples).stream()
                .filter(ManifestDocument::isSealfleetObject).toList();
        assertThat(docs).as("sealfleet objects under examples/").hasSizeGreaterThan(10);
        return docs.stream().map(d -> DynamicTest.dynamicTest(d.displayName(examples), () -> {
            // Only an example that goes with a values file (examples/helm) names its namespace; the others apply anywhere.
            String ns = d.object().path("metadata").path("namespace").asText(namespace);
            if (!ns.equals(namespace)) {
                assertThat(d.file().toString()).as("an example outside examples/helm names namespace " + ns).contains("/helm/");
                cluster.ensureNamespace(ns);
            }
            ServerAnswer answer = ServerAnswer.dryRunCreate(cluster.admin(), d.object(), ns);
            assertThat(answer.accepted()).as("%s in namespace %s: %s", d.displayName(examples), ns, answer.message())
                    .isTrue();
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyInvalidFixtureIsRefusedByTheServerNamingItsField() {
        Path dir = resource("api/invalid");
        List<ManifestDocument> docs = ManifestDocument.readAll(dir);
        assertThat(docs).as("invalid fixtures").hasSizeGreaterThan(20);
        return docs.stream().map(d -> DynamicTest.dynamicTest(d.displayName(dir), () -> {
            ObjectNode object = (ObjectNode) d.object().deepCopy();
            String field = object.path("metadata").path("annotations").path(EXPECTED_FIELD).asText();
            assertThat(field).as("fixture's expected field").isNotEmpty();
            ServerAnswer answer = ServerAnswer.dryRunCreate(cluster.admin(), object, namespace);
            assertThat(answer.accepted()).as("%s (%s) admitted by the server", d.displayName(dir), field).isFalse();
            assertThat(answer.code()).as("%s: %s", d.displayName(dir), answer.message()).isIn(400, 422);
            assertThat(names(answer, field)).as("the server's refusal of %s names %s: %s (fields %s)", d.displayName(dir),
                    field, answer.message(), answer.fields()).isTrue();
        }));
    }

    /**
     * The refusal names the field: a cause's field is the field itself or the object it sits in (a CEL rule
     * reports the level it is declared on), and the message spells the field's own name.
     */
    static boolean names(ServerAnswer answer, String field) {
        String plain = field.replaceAll("\\[\\d+]", "");
        String leaf = plain.substring(plain.lastIndexOf('.') + 1);
        boolean located = answer.fields().stream().map(f -> f.replaceAll("\\[\\d+]", ""))
                .anyMatch(f -> plain.equals(f) || plain.startsWith(f + ".") || f.equals(plain))
                || answer.message().contains(field) || answer.message().contains(plain);
        return located && answer.message().contains(leaf);
    }

    private static Path resource(String name) {
        try {
            return Path.of(RealServerSchemaTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode first(Path file) {
        return ManifestDocument.read(file).get(0).object();
    }
}
