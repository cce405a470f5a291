package io.sealfleet.api;

import java.util.List;

/** How the worker's agent hands a SNARK to its prover and takes the proof back. */
public enum ProverAdapter {
    /** {@code command} reads the vanilla proofs (Commit1 output or PR1 proofs) on stdin and writes the proof bytes on stdout. */
    Stdio,
    /** Lotus's {@code lotus-bench prove <file>}: a Commit2In JSON file in, a {@code proof: <hex>} line out; Commit2 only. */
    LotusBench,
    /** {@code command} is a template: the agent fills in {in}, {out}, {sector}, {sectorSize}, {miner}, {type} and reads {out}. */
    Files;

    /** The placeholders of a Files command, without braces; {in} and {out} are required. */
    public static final List<String> FILE_PLACEHOLDERS = List.of("in", "out", "sector", "sectorSize", "miner", "type");
}
