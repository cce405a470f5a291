package io.sealfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** How `sealfleet operator` reads its switches (the chart passes --leader-election). */
class OperatorCommandOptionsTest {
    private static OperatorCommand parse(String... args) {
        OperatorCommand command = new OperatorCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void leaderElectionIsOnByDefault() {
        assertThat(parse().leaderElection).isTrue();
    }

    @Test
    void leaderElectionFlagSwitchesItOn() {
        assertThat(parse("--leader-election").leaderElection).isTrue();
    }

    @Test
    void noLeaderElectionFlagSwitchesItOff() {
        assertThat(parse("--no-leader-election").leaderElection).isFalse();
    }
}
