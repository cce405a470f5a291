package io.sealfleet.cli;

/** A failure a subcommand reports as one line on stderr and an exit code from {@link ExitCodes}. */
final class CliFailure extends RuntimeException {
    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    static CliFailure badInput(String message) {
        return new CliFailure(ExitCodes.BAD_INPUT, message);
    }
}
