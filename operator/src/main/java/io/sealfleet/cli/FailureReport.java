package io.sealfleet.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every subcommand fails: one line on stderr, "sealfleet COMMAND: what failed; what to do", and an
 * exit code from {@link ExitCodes}. The stack trace follows only with {@code --debug}.
 */
final class FailureReport {
    private FailureReport() {
    }

    /** Flags that do not parse: exit 2, with picocli's suggestion when it has one. */
    static final class BadUsage implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException e, String[] args) {
            CommandLine cl = e.getCommandLine();
            // picocli appends the converter's exception, "(java.time.format.DateTimeParseException: Text ...)": keep the words.
            String message = oneLine(e.getMessage()).replaceAll("\\([\\w.$]+(Exception|Error): ([^)]*)\\)", "($2)");
            StringBuilder line = new StringBuilder(prefix(cl)).append(message);
            if (e instanceof UnmatchedArgumentException u) {
                List<String> suggestions = u.getSuggestions();
                if (!suggestions.isEmpty()) {
                    line.append("; did you mean ").append(String.join(" or ", suggestions)).append('?');
                }
            }
            line.append(line.charAt(line.length() - 1) == '?' ? " See `" : "; see `").append(qualifiedName(cl)).append(" --help`");
            System.err.println(line);
            if (List.of(args).contains("--debug")) {
                e.printStackTrace(System.err);
            }
            return ExitCodes.BAD_INPUT;
        }
    }

    /** Anything a command throws: classified, printed as one line. */
    static final class Failed implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
            CliFailure f = classify(e);
            System.err.println(prefix(cl) + f.getMessage());
            if (parsed.originalArgs().contains("--debug")) {
                e.printStackTrace(System.err);
            }
            return f.exitCode();
        }
    }

    static CliFailure classify(Throwable e) {
        if (e instanceof CliFailure f) {
            return f;
        }
        if (e instanceof ManifestException m) {
            return CliFailure.badInput(m.getMessage());
        }
        if (e instanceof KubernetesClientException k) {
            return ClusterErrors.describe(k, "complete a request", null);
        }
        if (e instanceof InterruptedException) {
            return new CliFailure(ExitCodes.FAILED, "interrupted");
        }
        String what = e.getMessage() == null || e.getMessage().isBlank() ? "an internal error" : oneLine(e.getMessage());
        return new CliFailure(ExitCodes.FAILED, "failed: " + what + "; rerun with --debug for where it happened", e);
    }

    private static String prefix(CommandLine cl) {
        return qualifiedName(cl) + ": ";
    }

    private static String qualifiedName(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName();
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
