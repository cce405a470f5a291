package io.sealfleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Space on a path: reservations persist across restarts and the report counts what reserved tasks have written. */
class PathSpaceTest {
    @TempDir
    Path root;

    @Test
    void reservationIsRefusedBeyondMaxStorageAndSaysHowMuchIsFree() throws Exception {
        SectorFiles files = new SectorFiles(root);
        files.create();
        PathSpace space = new PathSpace(files, 10_000);
        assertThat(space.reserve("ns/a", 8_000, List.of(root.resolve("sealed/s-t01000-1")))).isNull();
        assertThat(space.reserve("ns/b", 8_000, List.of(root.resolve("sealed/s-t01000-2")))).startsWith("needs 7.8 KiB on path");
    }

    @Test
    void reservationsSurviveARestartAndReleaseRemovesThem() throws Exception {
        SectorFiles files = new SectorFiles(root);
        files.create();
        new PathSpace(files, 0).reserve("ns/a", 1234, List.of(root.resolve("sealed/s-t01000-1")));
        PathSpace again = new PathSpace(files, 0);
        assertThat(again.reservations()).containsOnlyKeys("ns/a");
        again.release("ns/a");
        assertThat(new PathSpace(files, 0).reservations()).isEmpty();
    }

    @Test
    void reportedSpaceIgnoresWhatReservedTasksHaveWrittenSoTheSchedulerDoesNotCountItTwice() throws Exception {
        SectorFiles files = new SectorFiles(root);
        files.create();
        PathSpace space = new PathSpace(files, 1_000_000);
        Path sealed = root.resolve("sealed/s-t01000-1");
        space.reserve("ns/a", 500_000, List.of(sealed));
        long before = space.reportedAvailable();
        long freeBefore = space.free();
        Files.write(sealed.resolveSibling("s-t01000-1" + SectorFiles.PARTIAL), new byte[200_000]);
        assertThat(space.reportedAvailable()).isEqualTo(before);
        assertThat(space.free()).isEqualTo(freeBefore);
        assertThat(before).isEqualTo(1_000_000);
        assertThat(freeBefore).isEqualTo(500_000);
    }
}
