package io.sealfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkersWatchTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private static java.util.function.Supplier<String> frames(String... views) {
        Iterator<String> it = List.of(views).iterator();
        return () -> {
            String v = it.next();
            if (v.startsWith("FAIL")) {
                throw new CliFailure(ExitCodes.UNREACHABLE, "cannot reach the Kubernetes API");
            }
            return v;
        };
    }

    @Test
    void intoAPipeAFrameIsWrittenOnlyWhenTheViewChanged() throws InterruptedException {
        new WorkersWatch(out, false, Duration.ofMillis(1)).run(frames("a\n", "a\n", "b\n", "b\n"), 4);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("a\n\nb\n");
    }

    @Test
    void onATerminalEveryFrameRepaintsTheScreen() throws InterruptedException {
        new WorkersWatch(out, true, Duration.ofMillis(1)).run(frames("a\n", "a\n"), 2);
        String s = bytes.toString(StandardCharsets.UTF_8);
        assertThat(s.split("\033\\[H\033\\[2J", -1)).hasSize(3);
        assertThat(s).contains("sealfleet workers");
    }

    @Test
    void aFailedRefreshIsShownAndTheWatchGoesOn() throws InterruptedException {
        new WorkersWatch(out, false, Duration.ofMillis(1)).run(frames("a\n", "FAIL", "b\n"), 3);
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("a\n\n(refresh failed: cannot reach the Kubernetes API)\n\nb\n");
    }

    @Test
    void aFailureBeforeTheFirstViewEndsTheWatch() {
        assertThatThrownBy(() -> new WorkersWatch(out, false, Duration.ofMillis(1)).run(frames("FAIL"), 3))
                .isInstanceOf(CliFailure.class);
    }
}
