package io.sealfleet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealfleet.api.validation.FieldError;
import io.sealfleet.table.Bytes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SpecValidator re-states the CRD in Java for places without an API server, so the two must agree:
 * valid fixtures pass both; each invalid one fails both at its annotated field (a CEL rule may report
 * the level it is declared on, a parent of that field); the beyond-CRD ones pass the CRD and fail Java.
 */
class SpecValidatorAgreesWithCrdTest {
    private static final CrdSchemaValidator CRD = CrdSchemaValidator.forGeneratedCrds();

    static Stream<Arguments> validObjects() {
        return documents("valid");
    }

    static Stream<Arguments> invalidObjects() {
        return documents("invalid");
    }

    static Stream<Arguments> objectsOnlyJavaRejects() {
        return documents("invalid-beyond-crd");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validObjects")
    void bothAcceptTheValidFixture(String name, JsonNode object) {
        assertThat(CRD.validate(object)).as("CRD").isEmpty();
        assertThat(SpecValidatorVerdict.of(object)).as("SpecValidator").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidObjects")
    void bothRejectTheInvalidFixtureAtItsField(String name, JsonNode object) {
        String field = Fixtures.expectedField(object);
        List<Violation> crd = CRD.validate(object);
        List<FieldError> java = SpecValidatorVerdict.of(object);

        assertThat(crd).as("CRD violations").isNotEmpty()
                .allMatch(v -> FieldPaths.isAtOrAbove(v.field(), field), "at or above " + field);
        assertThat(java).as("SpecValidator errors").isNotEmpty()
                .allMatch(e -> e.field().equals(field), "at " + field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objectsOnlyJavaRejects")
    void onlySpecValidatorRejectsWhatNoSchemaCanSay(String name, JsonNode object) {
        String field = Fixtures.expectedField(object);

        assertThat(CRD.validate(object)).as("CRD violations").isEmpty();
        assertThat(SpecValidatorVerdict.of(object)).as("SpecValidator errors").isNotEmpty()
                .allMatch(e -> e.field().equals(field), "at " + field);
    }

    /** A CEL rule added to an API class without an invalid fixture would escape this comparison. */
    @Test
    void everyCelRuleExceptTransitionsIsBrokenBySomeInvalidFixture() {
        List<String> messages = Fixtures.documents("invalid").stream()
                .flatMap(d -> CRD.validate(d.object()).stream())
                .map(Violation::message)
                .toList();

        for (JsonNode crd : GeneratedCrds.loadGenerated()) {
            crd.findValues("x-kubernetes-validations").forEach(rules -> rules.forEach(rule -> {
                if (!CelRules.isTransitionRule(rule.path("rule").asText())) {
                    assertThat(messages).as("an invalid fixture breaking rule " + rule.path("rule"))
                            .contains(rule.path("message").asText());
                }
            }));
        }
    }

    @Test
    void misspeltOverrideKeyIsRejectedNamingTheKeyAndTheKeyForm() {
        assertThat(javaErrors("worker-override-key-misspelt.yaml")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("spec.resourceTable.PC1_32G_MAX_CONCURENT");
            assertThat(e.message()).contains("not a resource-table key").contains("PC1_32G_MAX_CONCURRENT");
        });
    }

    @Test
    void memoryOverrideIn56GBIsRejectedBecauseGBIsNotAByteQuantity() {
        assertThatThrownBy(() -> Bytes.parse("56GB")).isInstanceOf(IllegalArgumentException.class);

        assertThat(javaErrors("worker-override-memory-56gb.yaml")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("spec.resourceTable.PC1_32G_MIN_MEMORY");
            assertThat(e.message()).contains("'56GB'").contains("56Gi");
        });
    }

    @Test
    void gpuUtilizationOfLotsIsRejectedAskingForANumber() {
        assertThat(javaErrors("worker-override-gpu-utilization-lots.yaml")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("spec.resourceTable.PC2_32G_GPU_UTILIZATION");
            assertThat(e.message()).contains("'lots' is not a number of GPUs").contains("0.5");
        });
    }

    @Test
    void overrideKeyInTheEnvironmentIsRejectedPointingToResourceTable() {
        assertThat(javaErrors("worker-override-in-env.yaml")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("spec.env.PC1_32G_MAX_CONCURRENT");
            assertThat(e.message()).contains("spec.resourceTable");
        });
    }

    @Test
    void windowPostReserveOfEveryCoreIsRejectedAsLeavingNoneToSeal() {
        assertThat(javaErrors("worker-windowpost-takes-every-core.yaml")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("spec.windowPost.cores");
            assertThat(e.message()).contains("16 of the pod's 16 cores").contains("reserve fewer cores");
        });
    }

    @Test
    void memoryTooLargeForAByteCountIsRejectedThoughItMatchesThePattern() {
        assertThat(javaErrors("worker-memory-overflows.yaml")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("spec.resources.memory");
            assertThat(e.message()).contains("too large");
        });
    }

    @Test
    void taskWithoutSpecIsRejectedNamingTheFieldsItNeeds() {
        assertThat(javaErrors("task-without-spec.yaml")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("spec");
            assertThat(e.message()).contains("spec.miner").contains("spec.type");
        });
    }

    @Test
    void preCommit1WithoutTicketIsRejectedNamingSpecTicketAndHowToWriteIt() {
        List<FieldError> errors = SpecValidatorVerdict.of(Fixtures.object("invalid", "task-precommit1-without-ticket.yaml"));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("spec.ticket");
            assertThat(e.message()).contains("PreCommit1 needs").contains("64 lowercase hex digits");
        });
    }

    @Test
    void duplicatedStorageIdIsRejectedAtTheSecondPathNamingTheFirst() {
        List<FieldError> errors = SpecValidatorVerdict.of(Fixtures.object("invalid", "worker-duplicate-storage-ids.yaml"));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("spec.storage[1].id");
            assertThat(e.message()).contains("spec.storage[0]");
        });
    }

    private static List<FieldError> javaErrors(String file) {
        return SpecValidatorVerdict.of(Fixtures.object("invalid-beyond-crd", file));
    }

    private static Stream<Arguments> documents(String dir) {
        return Fixtures.documents(dir).stream()
                .filter(ManifestDocument::isSealfleetObject)
                .map(d -> Arguments.of(d.displayName(Fixtures.dir(dir)), d.object()));
    }
}
