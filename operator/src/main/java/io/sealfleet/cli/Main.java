package io.sealfleet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sealfleet} executable. */
@Command(name = "sealfleet", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Runs a Filecoin sealing cluster on Kubernetes.",
        subcommands = {PlanCommand.class, DemoCommand.class, AgentCommand.class, OperatorCommand.class, WorkersCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    /** Exit code for input a person must fix (bad YAML, an invalid object). */
    public static final int EXIT_INVALID_INPUT = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"sealfleet " + (v == null ? "(development build)" : v)};
        }
    }
}
