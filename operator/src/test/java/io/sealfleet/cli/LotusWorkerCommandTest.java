package io.sealfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `sealfleet lotus-worker` refuses bad configuration before it connects anywhere, naming what to fix. */
class LotusWorkerCommandTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(oldErr);
    }

    @Test
    void aMalformedMinerApiInfoIsAnInputErrorThatSaysWhereToGetIt() {
        int rc = Main.run("lotus-worker", "--miner-api-info", "token-only", "--advertise", "10.0.0.9");
        assertThat(rc).isEqualTo(Main.EXIT_INVALID_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("MINER_API_INFO")
                .contains("lotus-miner auth api-info --perm admin");
    }

    @Test
    void aListenAddressWithoutPortIsAnInputError() {
        int rc = Main.run("lotus-worker", "--miner-api-info", "t:/ip4/10.0.0.5/tcp/2345/http", "--advertise", "10.0.0.9",
                "--listen", "0.0.0.0");
        assertThat(rc).isEqualTo(Main.EXIT_INVALID_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--listen '0.0.0.0' is not HOST:PORT");
    }

    @Test
    void withoutTheTransferTokenItSaysHowToGiveIt() {
        int rc = Main.run("lotus-worker", "--miner-api-info", "t:/ip4/10.0.0.5/tcp/2345/http", "--advertise", "10.0.0.9",
                "--token-file", "/nonexistent/token");
        assertThat(rc).isEqualTo(Main.EXIT_INVALID_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read --token-file /nonexistent/token");
    }
}
