package io.sealfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sealfleet.scheduler.Assigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The README's "Using it" shows output pasted from the demo; this keeps what it shows possible: the
 * kubectl headers are the CRDs' columns, the plan table is what plan prints, the workers view has
 * Lotus's lines.
 */
class ReadmeOutputTest {
    /** Each fenced block whose first line is "$ COMMAND": the command, then its output lines. */
    private static List<List<String>> shownCommands() throws IOException {
        List<String> lines = Files.readAllLines(RepoPaths.root().resolve("README.md"));
        List<List<String>> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals("```") && i + 1 < lines.size() && lines.get(i + 1).startsWith("$ ")) {
                List<String> block = new ArrayList<>();
                for (i = i + 1; i < lines.size() && !lines.get(i).equals("```"); i++) {
                    block.add(lines.get(i));
                }
                blocks.add(block);
            }
        }
        return blocks;
    }

    private static List<String> block(String command) throws IOException {
        return shownCommands().stream().filter(b -> b.get(0).equals("$ " + command)).findFirst()
                .orElseThrow(() -> new AssertionError("README shows no output of `" + command + "`"));
    }

    private static List<String> crdColumns(String plural) throws IOException {
        JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(RepoPaths.root().resolve("crds")
                .resolve(plural + ".sealing.sealfleet.io-v1.yml").toFile());
        List<String> names = new ArrayList<>(List.of("NAME"));
        crd.path("spec").path("versions").get(0).path("additionalPrinterColumns").forEach(c -> {
            if (c.path("priority").asInt() == 0) {
                names.add(c.path("name").asText().toUpperCase(Locale.ROOT));
            }
        });
        return names;
    }

    private static List<String> header(List<String> block) {
        return List.of(block.get(1).trim().split("\\s{2,}"));
    }

    @Test
    void kubectlGetStShowsTheSectorTaskColumns() throws IOException {
        assertThat(header(block("kubectl --kubeconfig .demo/kubeconfig get st"))).isEqualTo(crdColumns("sectortasks"));
    }

    @Test
    void kubectlGetSwShowsTheSealingWorkerColumns() throws IOException {
        assertThat(header(block("kubectl --kubeconfig .demo/kubeconfig get sw"))).isEqualTo(crdColumns("sealingworkers"));
    }

    @Test
    void planOutputIsWhatPlanPrintsForTheDemo() throws Exception {
        List<String> shown = block("./sealfleet plan -f examples/demo/");
        Path demo = RepoPaths.root().resolve("examples/demo");
        List<Manifest> manifests = new ManifestReader().read(List.of(demo));
        String printed = PlanTable.render(new Planner(Assigner.UTILIZATION, Instant.now()).plan(manifests), manifests);
        assertThat(shown.subList(1, shown.size())).isEqualTo(printed.lines().toList());
    }

    @Test
    void workersOutputHasLotusLinesForEachWorker() throws IOException {
        List<String> shown = block("./sealfleet workers --kubeconfig .demo/kubeconfig");
        long workers = shown.stream().filter(l -> l.matches("Worker \\S+, host \\S+.*")).count();
        assertThat(workers).isGreaterThanOrEqualTo(1);
        for (String label : List.of("\tTASK:", "\tCPU:  [", "\tRAM:  [", "\tVMEM: [")) {
            assertThat(shown.stream().filter(l -> l.startsWith(label)).count()).as(label.trim()).isEqualTo(workers);
        }
    }
}
