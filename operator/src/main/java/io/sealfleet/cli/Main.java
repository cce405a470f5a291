package io.sealfleet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code sealfleet} executable. */
@Command(name = "sealfleet", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, usageHelpAutoWidth = true,
        description = "Runs a Filecoin sealing cluster on Kubernetes.",
        subcommands = {PlanCommand.class, DemoCommand.class, AgentCommand.class, OperatorCommand.class, WorkersCommand.class,
                LotusWorkerCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the command ran and failed (a sector did not seal, the API refused a request)",
                "2:bad input: a flag, a manifest or a kubeconfig to fix", "3:the Kubernetes API server cannot be reached"})
public final class Main implements Callable<Integer> {
    /** Exit code for input a person must fix (bad YAML, an invalid object). */
    public static final int EXIT_INVALID_INPUT = ExitCodes.BAD_INPUT;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On failure, print the stack trace after the one-line message.")
    boolean debug;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).setUsageHelpAutoWidth(true)
                .setParameterExceptionHandler(new FailureReport.BadUsage())
                .setExecutionExceptionHandler(new FailureReport.Failed());
    }

    /** Plain {@code sealfleet}: which commands there are, in one line. */
    @Override
    public Integer call() {
        System.err.println("sealfleet: name a command: plan, demo, workers, operator, agent or lotus-worker "
                + "(sealfleet --help describes them)");
        return ExitCodes.BAD_INPUT;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"sealfleet " + (v == null ? "(development build)" : v)};
        }
    }
}
