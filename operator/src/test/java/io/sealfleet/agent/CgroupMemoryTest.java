package io.sealfleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Memory and swap in use, read from cgroup v1 and v2 files captured as fixtures. */
class CgroupMemoryTest {
    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(CgroupMemoryTest.class.getResource("/cgroup/" + name).toURI());
    }

    @Test
    void cgroupV2WorkingSetIsCurrentLessInactiveFileAndSwapIsSwapCurrent() throws Exception {
        CgroupMemory m = CgroupMemory.read(fixture("v2"));
        assertThat(m.version()).isEqualTo("v2");
        // 68 GiB current − 3 GiB inactive file = 65 GiB.
        assertThat(m.memoryBytes()).isEqualTo(65L << 30);
        assertThat(m.swapBytes()).isEqualTo(3L << 30);
    }

    @Test
    void cgroupV1WorkingSetIsUsageLessTotalInactiveFileAndSwapIsMemswLessUsage() throws Exception {
        CgroupMemory m = CgroupMemory.read(fixture("v1"));
        assertThat(m.version()).isEqualTo("v1");
        // 32 GiB usage − 2 GiB total_inactive_file = 30 GiB; memsw 34 GiB − usage 32 GiB = 2 GiB swap.
        assertThat(m.memoryBytes()).isEqualTo(30L << 30);
        assertThat(m.swapBytes()).isEqualTo(2L << 30);
    }

    @Test
    void cgroupV1WithoutSwapAccountingReportsNoSwap() throws Exception {
        CgroupMemory m = CgroupMemory.read(fixture("v1-noswap"));
        assertThat(m.memoryBytes()).isEqualTo(1L << 30);
        assertThat(m.swapBytes()).isZero();
    }

    @Test
    void noCgroupFilesMeansNothingToReport(@TempDir Path empty) throws Exception {
        assertThat(CgroupMemory.read(empty)).isNull();
    }
}
