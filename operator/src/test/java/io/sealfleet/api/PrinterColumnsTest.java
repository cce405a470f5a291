package io.sealfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * kubectl prints a CRD's columns in the CRD's order: the committed CRDs answer "what is it, where does
 * it run, and if not, why" before AGE, in the order the API classes declare.
 */
class PrinterColumnsTest {
    private static List<String> columns(String plural, int priority) throws IOException {
        JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(
                GeneratedCrds.committedDir().resolve(plural + ".sealing.sealfleet.io-v1.yml").toFile());
        List<String> names = new ArrayList<>();
        crd.path("spec").path("versions").get(0).path("additionalPrinterColumns").forEach(c -> {
            if (c.path("priority").asInt() == priority) {
                names.add(c.path("name").asText());
            }
        });
        return names;
    }

    @Test
    void sectorTaskColumnsAnswerWhereAndWhyBeforeAge() throws IOException {
        assertThat(columns("sectortasks", 0)).containsExactly("Type", "Sector", "Miner", "Phase", "Worker", "Reason", "Age");
        assertThat(columns("sectortasks", 1)).containsExactly("Size", "Attempt", "Message");
    }

    @Test
    void sealingWorkerColumnsShowPhaseNodeAndLoadBeforeAge() throws IOException {
        assertThat(columns("sealingworkers", 0)).containsExactly("Phase", "Node", "Tasks", "CPU", "Memory", "Age");
    }

    @Test
    void storageGroupColumnsShowSpaceBeforeAge() throws IOException {
        assertThat(columns("storagegroups", 0)).containsExactly("Paths", "Available", "Sectors", "Age");
    }

    @Test
    void reorderFollowsTheDeclaredOrderAndKeepsEveryOtherLine() {
        String yaml = """
                spec:
                  versions:
                  - additionalPrinterColumns:
                    - jsonPath: ".metadata.creationTimestamp"
                      name: "Age"
                      type: "date"
                    - jsonPath: ".spec.type"
                      name: "Type"
                      type: "string"
                    name: "v1alpha1"
                """;
        assertThat(PrinterColumnOrder.reorder(yaml, List.of("Type", "Age"))).isEqualTo("""
                spec:
                  versions:
                  - additionalPrinterColumns:
                    - jsonPath: ".spec.type"
                      name: "Type"
                      type: "string"
                    - jsonPath: ".metadata.creationTimestamp"
                      name: "Age"
                      type: "date"
                    name: "v1alpha1"
                """);
    }

    @Test
    void declaredOrderIsTheAnnotationOrder() {
        assertThat(PrinterColumnOrder.declaredNames(SectorTask.class)).startsWith("Type", "Sector", "Miner");
    }
}
