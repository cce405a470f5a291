package io.sealfleet.agent.prover;

import io.sealfleet.agent.KernelException;
import io.sealfleet.api.ProverAdapter;
import io.sealfleet.table.TaskType;
import java.io.IOException;
import java.util.Set;

/** A prover adapter: one way of handing vanilla proofs to a SNARK prover and taking the proof bytes back. */
public interface Prover {
    ProverAdapter adapter();

    /** The executable the adapter starts, as configured: a path, or a name looked up on PATH. */
    String executable();

    /** The SNARK types this adapter proves. */
    Set<TaskType> types();

    /** Proves and returns the proof bytes; a prover that printed no proof is a failure, never an empty proof. */
    byte[] prove(ProofRequest request, ProcessRunner runner) throws KernelException, IOException, InterruptedException;

    /** The failure of a type this adapter does not prove, for the worker's status and the task alike. */
    default String refusal(TaskType type) {
        return "the " + adapter() + " prover adapter does not prove " + type + "; use the Stdio or Files adapter for it";
    }
}
