package io.sealfleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.api.CacheStatus;
import io.sealfleet.table.Bytes;
import io.sealfleet.table.SectorSize;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the caches still need for the worker's sector sizes. */
class CacheSpaceTest {
    @TempDir
    Path dir;

    @Test
    void parentCacheFilesAre56BytesPerNode() {
        assertThat(CacheSpace.parentCacheBytes(SectorSize.S32GiB)).isEqualTo(56 * Bytes.GiB);
        assertThat(CacheSpace.parentCacheBytes(SectorSize.parse("2KiB"))).isEqualTo(3584);
    }

    @Test
    void aFinishedParentCacheFileNeedsNoRoomAndAHalfWrittenOneStillDoes() throws Exception {
        long len = CacheSpace.parentCacheBytes(SectorSize.parse("8MiB"));
        Path parents = Files.createDirectories(dir.resolve("parents"));
        try (RandomAccessFile f = new RandomAccessFile(parents.resolve("v28-sdr-parent-x.cache.tmp.42").toFile(), "rw")) {
            f.setLength(len);
        }
        Set<SectorSize> sizes = Set.of(SectorSize.parse("8MiB"), SectorSize.parse("2KiB"));
        CacheStatus before = CacheSpace.parentCache(parents, sizes);
        assertThat(before.requiredBytes).isEqualTo(len + 3584);
        assertThat(before.availableBytes).isPositive();
        Files.move(parents.resolve("v28-sdr-parent-x.cache.tmp.42"), parents.resolve("v28-sdr-parent-x.cache"));
        assertThat(CacheSpace.parentCache(parents, sizes).requiredBytes).isEqualTo(3584);
    }

    @Test
    void parametersAreNeededOnlyForCommit2Of32GiBOrMoreLessWhatIsThere() throws Exception {
        Path params = Files.createDirectories(dir.resolve("params"));
        assertThat(CacheSpace.parameterCache(params, Set.of(SectorSize.parse("2KiB"))).requiredBytes).isZero();
        Files.write(params.resolve("v28-some.params"), new byte[4096]);
        assertThat(CacheSpace.parameterCache(params, Set.of(SectorSize.S32GiB)).requiredBytes)
                .isEqualTo(CacheSpace.PARAMETERS_32GIB - 4096);
    }
}
