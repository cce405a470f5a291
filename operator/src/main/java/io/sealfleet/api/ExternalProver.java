package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The SNARK prover the worker runs for Commit2 and ProveReplicaUpdate2, through one of the prover adapters. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "(has(self.adapter) && self.adapter == 'LotusBench') ? !has(self.command) : has(self.command)",
        message = "the Stdio and Files adapters need command; LotusBench takes path and args instead of command")
@ValidationRule(value = "!has(self.path) && !has(self.args) || (has(self.adapter) && self.adapter == 'LotusBench')",
        message = "path and args belong to the LotusBench adapter; put the Stdio or Files prover in command")
public class ExternalProver {
    @JsonPropertyDescription("How the prover is called. Stdio (the default): command reads the vanilla proofs on stdin and "
            + "writes the proof on stdout. LotusBench: lotus-bench prove with a Commit2In JSON file (Commit2 only). "
            + "Files: command is a template with {in}, {out}, {sector}, {sectorSize}, {miner} and {type}; the agent "
            + "writes {in} and reads the proof from {out}.")
    public ProverAdapter adapter;

    @JsonPropertyDescription("Stdio and Files: the command and its arguments; its first word is an executable path or a "
            + "name looked up on PATH.")
    public List<String> command;

    @JsonPropertyDescription("LotusBench: the lotus-bench executable, a path or a name looked up on PATH. Default lotus-bench.")
    public String path;

    @JsonPropertyDescription("LotusBench: flags placed before the input file, e.g. [--no-gpu]. The agent adds --miner-addr.")
    public List<String> args;

    /** The adapter in effect: Stdio when none is named. */
    public ProverAdapter effectiveAdapter() {
        return adapter == null ? ProverAdapter.Stdio : adapter;
    }
}
