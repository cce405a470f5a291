package io.sealfleet.agent.prover;

import io.sealfleet.agent.KernelException;
import io.sealfleet.api.AttemptFailure;
import io.sealfleet.api.ProverAdapter;
import io.sealfleet.table.TaskType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A command that reads the vanilla proofs on stdin and writes the proof bytes on stdout. */
record StdioProver(List<String> command) implements Prover {
    StdioProver {
        command = List.copyOf(command);
    }

    @Override
    public ProverAdapter adapter() {
        return ProverAdapter.Stdio;
    }

    @Override
    public String executable() {
        return command.get(0);
    }

    @Override
    public Set<TaskType> types() {
        return EnumSet.of(TaskType.Commit2, TaskType.ProveReplicaUpdate2);
    }

    @Override
    public byte[] prove(ProofRequest request, ProcessRunner runner) throws KernelException, IOException, InterruptedException {
        byte[] proof;
        try (InputStream in = Files.newInputStream(request.input())) {
            proof = runner.run(command, request.work(), in);
        }
        if (proof.length == 0) {
            throw new KernelException(AttemptFailure.KernelFailed, "the external prover " + executable() + " printed no proof");
        }
        return proof;
    }
}
