package io.sealfleet.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs {@link SchedulingPassBenchmark} and prints both figures and their ratio from the same run. */
public final class SchedulingPassBenchReport {
    private SchedulingPassBenchReport() {
    }

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(SchedulingPassBenchmark.class.getName()).build()).run();
        double pass = 0;
        double sort = 0;
        for (RunResult r : results) {
            double ms = r.getPrimaryResult().getScore();
            if (r.getParams().getBenchmark().endsWith("schedulingPass")) {
                pass = ms;
            } else {
                sort = ms;
            }
        }
        System.out.printf(Locale.ROOT, "%nscheduling pass (10,000 tasks, 1,000 workers): %.2f ms%n", pass);
        System.out.printf(Locale.ROOT, "sorting the 10,000 tasks by the queue comparator: %.2f ms%n", sort);
        System.out.printf(Locale.ROOT, "ratio pass/sort: %.1fx (target <= 20x; pass target < 100 ms)%n", pass / sort);
    }
}
