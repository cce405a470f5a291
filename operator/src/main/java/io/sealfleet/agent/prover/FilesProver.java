package io.sealfleet.agent.prover;

import io.sealfleet.agent.KernelException;
import io.sealfleet.api.AttemptFailure;
import io.sealfleet.api.ProverAdapter;
import io.sealfleet.table.TaskType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command template for provers that read and write files, here or on another machine through a
 * wrapper ({@code ssh}, {@code curl}): the agent copies the vanilla proofs to {@code {in}}, fills in
 * the placeholders, runs the command and reads the proof bytes from {@code {out}}.
 */
record FilesProver(List<String> template) implements Prover {
    static final String INPUT_FILE = "prover-input.json";
    static final String OUTPUT_FILE = "prover-proof";

    FilesProver {
        template = List.copyOf(template);
    }

    @Override
    public ProverAdapter adapter() {
        return ProverAdapter.Files;
    }

    @Override
    public String executable() {
        return template.get(0);
    }

    @Override
    public Set<TaskType> types() {
        return EnumSet.of(TaskType.Commit2, TaskType.ProveReplicaUpdate2);
    }

    @Override
    public byte[] prove(ProofRequest request, ProcessRunner runner) throws KernelException, IOException, InterruptedException {
        Path in = request.work().resolve(INPUT_FILE);
        Path out = request.work().resolve(OUTPUT_FILE);
        Files.copy(request.input(), in, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(out);
        runner.run(command(request, in, out), request.work(), null);
        if (!Files.isRegularFile(out) || Files.size(out) == 0) {
            throw new KernelException(AttemptFailure.KernelFailed, "the prover " + executable() + " exited 0 but wrote no proof to " + out
                    + "; it must write the proof bytes to the {out} file");
        }
        return Files.readAllBytes(out);
    }

    /** The template with every placeholder replaced; each is a whole value inside one argument. */
    List<String> command(ProofRequest request, Path in, Path out) {
        Map<String, String> values = Map.of(
                "in", in.toString(),
                "out", out.toString(),
                "sector", Long.toString(request.sector()),
                "sectorSize", Long.toString(request.size().bytes()),
                "miner", request.miner(),
                "type", request.type().name());
        List<String> cmd = new ArrayList<>(template.size());
        for (String arg : template) {
            String filled = arg;
            for (String p : ProverAdapter.FILE_PLACEHOLDERS) {
                filled = filled.replace("{" + p + "}", values.get(p));
            }
            cmd.add(filled);
        }
        return cmd;
    }
}
