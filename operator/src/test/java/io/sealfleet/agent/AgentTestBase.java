package io.sealfleet.agent;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A test that starts its own {@link AgentHarness} in {@link #tmp}; the harness is closed after each test. */
abstract class AgentTestBase {
    @TempDir
    Path tmp;
    AgentHarness h;

    @AfterEach
    void closeHarness() {
        if (h != null) {
            h.close();
        }
    }
}
