package io.sealfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sealfleet demo --examples examples/snapdeals}: its steps run one after the other (seal the CC
 * sector, add the deal, upgrade), the upgrade's comm_r_new is printed, ProveReplicaUpdate2 waits for a
 * prover, and the output is the one docs/snapdeals.md shows.
 */
class SnapDealsDemoTest {
    @TempDir
    Path dir;

    @Test
    void snapDealsExampleUpgradesTheSectorAndPrintsWhatTheDocsShow() throws Exception {
        Path sealer = RepoPaths.root().resolve("native-proofs/build/sealer");
        assertThat(sealer).isExecutable();
        String classpath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", classpath,
                Main.class.getName(), "demo", "--sealer", sealer.toString(), "--metrics-port", "0", "--dir",
                dir.resolve("demo").toString(), "--examples", RepoPaths.root().resolve("examples/snapdeals").toString()));
        Path log = dir.resolve("demo.log");
        Process demo = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(demo.waitFor(5, TimeUnit.MINUTES)).as("demo finishes").isTrue();
        } finally {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
        String out = Files.readString(log);
        assertThat(demo.exitValue()).as(out).isZero();
        assertThat(out).containsPattern("upgraded t01000/1 \\(2KiB\\): comm_r_new bagboea4b5abc[a-z2-7]+\\n")
                .contains("waiting: s1-snap-pr2: PR2 2KiB: sector files on snap-worker; 1 worker has no external prover for ProveReplicaUpdate2");
        List<String> shown = docsBlock();
        assertThat(shown).isNotEmpty();
        assertThat(out.lines().toList()).as("docs/snapdeals.md shows the demo's output").containsAll(shown);
    }

    /** The output block after "./sealfleet demo --examples examples/snapdeals" in docs/snapdeals.md. */
    private static List<String> docsBlock() throws Exception {
        List<String> lines = Files.readAllLines(RepoPaths.root().resolve("docs/snapdeals.md"));
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("sector        size")) {
                start = i;
                break;
            }
        }
        List<String> block = new ArrayList<>();
        for (int i = start; start >= 0 && i < lines.size() && !lines.get(i).startsWith("```"); i++) {
            block.add(lines.get(i));
        }
        return block;
    }
}
