package io.sealfleet.cli;

/** The exit codes of every subcommand, as README and docs/cli.md document them. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The command ran and did not succeed (a sector did not seal, the API refused a request). */
    public static final int FAILED = 1;
    /** Input a person must fix: a flag, a manifest, a kubeconfig. */
    public static final int BAD_INPUT = 2;
    /** The Kubernetes API server could not be reached. */
    public static final int UNREACHABLE = 3;

    private ExitCodes() {
    }
}
