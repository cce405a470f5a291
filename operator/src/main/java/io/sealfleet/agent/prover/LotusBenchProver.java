package io.sealfleet.agent.prover;

import io.sealfleet.agent.KernelException;
import io.sealfleet.api.AttemptFailure;
import io.sealfleet.api.ProverAdapter;
import io.sealfleet.table.TaskType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lotus's {@code lotus-bench prove [--miner-addr f0…] <input.json>} (cmd/lotus-bench/main.go,
 * {@code proveCmd}): it reads a {@link Commit2In} file and prints {@code proof: <hex>} on stdout
 * (Go's {@code %x} of the proof bytes). lotus-bench has no ProveReplicaUpdate2 command, so this
 * adapter proves Commit2 only. lotus-bench exits 0 even when proving fails (it logs the error), so
 * the proof line, not the exit status, says whether it worked.
 */
record LotusBenchProver(String path, List<String> args) implements Prover {
    static final String DEFAULT_PATH = "lotus-bench";
    static final String INPUT_FILE = "commit2-in.json";
    private static final Pattern PROOF_LINE = Pattern.compile("(?m)^proof: ([0-9a-f]+)\\s*$");

    LotusBenchProver {
        path = path == null ? DEFAULT_PATH : path;
        args = args == null ? List.of() : List.copyOf(args);
    }

    @Override
    public ProverAdapter adapter() {
        return ProverAdapter.LotusBench;
    }

    @Override
    public String executable() {
        return path;
    }

    @Override
    public Set<TaskType> types() {
        return EnumSet.of(TaskType.Commit2);
    }

    @Override
    public String refusal(TaskType type) {
        return "the LotusBench prover adapter does not prove " + type + ": lotus-bench has no command for it; "
                + "use the Stdio or Files adapter on the workers that take " + type;
    }

    @Override
    public byte[] prove(ProofRequest request, ProcessRunner runner) throws KernelException, IOException, InterruptedException {
        if (request.type() != TaskType.Commit2) {
            throw new KernelException(AttemptFailure.NotSupported, refusal(request.type()));
        }
        Path in = request.work().resolve(INPUT_FILE);
        Files.write(in, new Commit2In(request.sector(), Files.readAllBytes(request.input()), request.size().bytes()).toJson());
        byte[] out = runner.run(command(request, in), request.work(), null);
        return parseProof(new String(out, StandardCharsets.UTF_8));
    }

    List<String> command(ProofRequest request, Path in) {
        List<String> cmd = new ArrayList<>();
        cmd.add(path);
        cmd.add("prove");
        cmd.addAll(args);
        cmd.add("--miner-addr");
        cmd.add(request.miner());
        cmd.add(in.toString());
        return cmd;
    }

    /** The proof bytes of lotus-bench's {@code proof: <hex>} line. */
    static byte[] parseProof(String stdout) throws KernelException {
        Matcher m = PROOF_LINE.matcher(stdout);
        if (!m.find() || m.group(1).length() % 2 != 0) {
            String last = stdout.strip().lines().reduce((a, b) -> b).orElse("nothing");
            throw new KernelException(AttemptFailure.KernelFailed, "lotus-bench prove printed no 'proof: <hex>' line (it exits 0 "
                    + "when proving fails and logs the error on stderr, see the task's progress); its last line: " + last);
        }
        return HexFormat.of().parseHex(m.group(1));
    }
}
