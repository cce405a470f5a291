package io.sealfleet.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * {@code workers --watch}: prints the view every interval. On a terminal the screen is cleared and
 * repainted each time; into a pipe or file a frame is written only when the view changed. A failed
 * refresh (the API server restarting) is shown in place of the view and retried, not fatal.
 */
final class WorkersWatch {
    private static final String CLEAR = "\033[H\033[2J";
    private final PrintStream out;
    private final boolean terminal;
    private final Duration interval;

    WorkersWatch(PrintStream out, boolean terminal, Duration interval) {
        this.out = out;
        this.terminal = terminal;
        this.interval = interval;
    }

    /** Runs until interrupted or {@code frames} views were taken (tests bound it). */
    void run(Supplier<String> view, long frames) throws InterruptedException {
        String last = null;
        for (long i = 0; i < frames; i++) {
            if (i > 0) {
                Thread.sleep(interval.toMillis());
            }
            String frame;
            try {
                frame = view.get();
            } catch (CliFailure e) {
                if (last == null) {
                    throw e;
                }
                frame = "(refresh failed: " + e.getMessage() + ")\n";
            }
            if (terminal) {
                out.print(CLEAR + "Every " + interval.toSeconds() + "s: sealfleet workers    "
                        + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "\n\n" + frame);
                out.flush();
            } else if (!frame.equals(last)) {
                out.print((last == null ? "" : "\n") + frame);
                out.flush();
            }
            last = frame;
        }
    }
}
