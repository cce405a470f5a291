package io.sealfleet.agent.prover;

import io.sealfleet.api.ExternalProver;

/** The adapter a SealingWorker's {@code spec.externalProver} names. */
public final class Provers {
    private Provers() {
    }

    /** The prover of a validated spec, or null without one. */
    public static Prover of(ExternalProver spec) {
        if (spec == null) {
            return null;
        }
        return switch (spec.effectiveAdapter()) {
            case Stdio -> spec.command == null || spec.command.isEmpty() ? null : new StdioProver(spec.command);
            case Files -> spec.command == null || spec.command.isEmpty() ? null : new FilesProver(spec.command);
            case LotusBench -> new LotusBenchProver(spec.path, spec.args);
        };
    }
}
