package io.sealfleet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The open-files limit: read from /proc, and raised from soft to hard for every kernel the agent starts. */
class OpenFilesLimitTest {
    private static final String LIMITS = """
            Limit                     Soft Limit           Hard Limit           Units    \s
            Max cpu time              unlimited            unlimited            seconds  \s
            Max open files            1024                 524288               files    \s
            Max locked memory         8388608              8388608              bytes    \s
            """;

    @Test
    void readsSoftAndHardFromTheMaxOpenFilesLine() {
        assertThat(OpenFilesLimit.parse(LIMITS, 1048576)).isEqualTo(new OpenFilesLimit(1024, 524288));
    }

    @Test
    void unlimitedIsTheKernelsCeiling() {
        String text = LIMITS.replace("1024                 524288", "unlimited            unlimited");
        assertThat(OpenFilesLimit.parse(text, 1048576)).isEqualTo(new OpenFilesLimit(1048576, 1048576));
    }

    @Test
    void limitsWithoutTheLineAreAnError() {
        assertThatThrownBy(() -> OpenFilesLimit.parse("Limit Soft Hard\n", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kernelsRunWithTheSoftLimitRaisedToTheHardLimit() throws Exception {
        OpenFilesLimit mine = OpenFilesLimit.ofThisProcess();
        assertThat(mine).isNotNull();
        // A child that starts with a soft limit of 256 (as under a runtime's default) is raised to the hard limit.
        OpenFilesLimit low = new OpenFilesLimit(256, mine.hard());
        List<String> cmd = low.launch(List.of("/bin/sh", "-c", "ulimit -S -n"));
        Process p = new ProcessBuilder(withLowSoftLimit(cmd)).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).isZero();
        assertThat(out).isEqualTo(Long.toString(mine.hard()));
        assertThat(low.effective()).isEqualTo(mine.hard());
    }

    @Test
    void aSoftLimitAlreadyAtTheHardLimitStartsTheKernelDirectly() {
        assertThat(new OpenFilesLimit(4096, 4096).launch(List.of("sealer", "pc1"))).containsExactly("sealer", "pc1");
    }

    /** Starts {@code cmd} from a shell whose soft limit was lowered to 256 first. */
    private static List<String> withLowSoftLimit(List<String> cmd) {
        List<String> out = new java.util.ArrayList<>(List.of("/bin/sh", "-c", "ulimit -S -n 256 && exec \"$@\"", "sh"));
        out.addAll(cmd);
        return out;
    }
}
