package io.sealfleet.agent.prover;

import io.sealfleet.api.AttemptFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealfleet.agent.KernelException;
import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LotusBench adapter against Lotus's own contract, filecoin-project/lotus cmd/lotus-bench/main.go:
 * {@code type Commit2In struct { SectorNum int64; Phase1Out []byte; SectorSize uint64 }} read by
 * {@code proveCmd} with encoding/json ({@code []byte} is base64), {@code --miner-addr}, and
 * {@code fmt.Printf("proof: %x\n", proof)} on stdout.
 */
class LotusBenchProverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A Commit1 output as the sealer writes it (its content does not matter to the adapter: it is passed as bytes). */
    private static final String C1 = "{\"registered_proof\":\"StackedDrg32GiBV1_1\",\"vanilla_proofs\":{},\"comm_r\":[1,2,3]}\n";

    @TempDir
    Path tmp;

    /**
     * A stand-in for lotus-bench: checks its arguments and the input file's fields the way lotus-bench's
     * JSON decoding needs them, keeps a copy, and prints lotus-bench's output around a proof line.
     */
    private Path fakeLotusBench() throws Exception {
        Path script = tmp.resolve("lotus-bench");
        Files.writeString(script, """
                #!/bin/sh
                [ "$1" = prove ] || { echo "usage: lotus-bench prove [input.json]" >&2; exit 2; }
                [ "$2" = --no-gpu ] || { echo "expected the configured flag --no-gpu first" >&2; exit 2; }
                [ "$3" = --miner-addr ] && [ "$4" = f01234 ] || { echo "expected --miner-addr f01234" >&2; exit 2; }
                in="$5"
                grep -q '"SectorNum":42,' "$in" || { echo "SectorNum is not the number 42" >&2; exit 3; }
                grep -q '"SectorSize":34359738368' "$in" || { echo "SectorSize is not the byte count" >&2; exit 3; }
                grep -q '"Phase1Out":"[A-Za-z0-9+/]*=*"' "$in" || { echo "Phase1Out is not a base64 string" >&2; exit 3; }
                cp "$in" "$(dirname "$0")/received.json"
                echo "----"
                echo "start proof computation"
                echo "proof: 0aff0010"
                echo "----"
                echo "results (v28) (34359738368)"
                echo "seal: commit phase 2: 1m2s (550 MiB/s)"
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private ProofRequest request(TaskType type) throws Exception {
        Path c1 = Files.writeString(tmp.resolve("commit1-output.json"), C1);
        Path work = Files.createDirectories(tmp.resolve("work"));
        return new ProofRequest(type, c1, "f01234", 42, SectorSize.S32GiB, work);
    }

    static ProcessRunner processes() {
        return (cmd, dir, in) -> {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            if (in != null) {
                try (var out = p.getOutputStream()) {
                    in.transferTo(out);
                }
            }
            byte[] out = p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new KernelException(AttemptFailure.KernelFailed, cmd.get(0) + " exited " + p.exitValue() + ": "
                        + new String(out, StandardCharsets.UTF_8));
            }
            return out;
        };
    }

    @Test
    void writesLotusCommit2InWithExactlyItsFieldNamesBase64Phase1OutAndNumbers() throws Exception {
        LotusBenchProver prover = new LotusBenchProver(fakeLotusBench().toString(), List.of("--no-gpu"));

        prover.prove(request(TaskType.Commit2), processes());

        JsonNode in = JSON.readTree(tmp.resolve("received.json").toFile());
        assertThat(in.fieldNames()).toIterable().containsExactly("SectorNum", "Phase1Out", "SectorSize");
        assertThat(in.get("SectorNum").isIntegralNumber()).isTrue();
        assertThat(in.get("SectorNum").asLong()).isEqualTo(42);
        assertThat(in.get("SectorSize").isIntegralNumber()).isTrue();
        assertThat(in.get("SectorSize").asLong()).isEqualTo(34359738368L);
        assertThat(in.get("Phase1Out").isTextual()).isTrue();
        assertThat(Base64.getDecoder().decode(in.get("Phase1Out").asText()))
                .as("Phase1Out is the Commit1 output's bytes, as Go's encoding/json writes a []byte")
                .isEqualTo(C1.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void returnsTheBytesOfTheProofLineLotusBenchPrints() throws Exception {
        LotusBenchProver prover = new LotusBenchProver(fakeLotusBench().toString(), List.of("--no-gpu"));

        byte[] proof = prover.prove(request(TaskType.Commit2), processes());

        assertThat(proof).containsExactly(0x0a, 0xff, 0x00, 0x10);
    }

    @Test
    void runsProveWithTheConfiguredFlagsThenMinerAddrThenTheInputFile() throws Exception {
        LotusBenchProver prover = new LotusBenchProver("/opt/lotus/lotus-bench", List.of("--no-gpu"));
        ProofRequest r = request(TaskType.Commit2);

        assertThat(prover.command(r, r.work().resolve("commit2-in.json"))).containsExactly("/opt/lotus/lotus-bench", "prove",
                "--no-gpu", "--miner-addr", "f01234", r.work().resolve("commit2-in.json").toString());
        assertThat(new LotusBenchProver(null, null).executable()).isEqualTo("lotus-bench");
    }

    @Test
    void outputWithoutAProofLineFailsThoughLotusBenchExitedZero() {
        // lotus-bench logs a failed SealCommit2 and still exits 0.
        assertThatThrownBy(() -> LotusBenchProver.parseProof("----\nstart proof computation\n"))
                .isInstanceOf(KernelException.class)
                .hasMessageContaining("printed no 'proof: <hex>' line")
                .hasMessageContaining("start proof computation");
    }

    @Test
    void doesNotOfferProveReplicaUpdate2BecauseLotusBenchHasNoCommandForIt() throws Exception {
        LotusBenchProver prover = new LotusBenchProver(fakeLotusBench().toString(), List.of());

        assertThat(prover.types()).containsExactly(TaskType.Commit2);
        assertThatThrownBy(() -> prover.prove(request(TaskType.ProveReplicaUpdate2), processes()))
                .isInstanceOf(KernelException.class)
                .hasMessageContaining("lotus-bench has no command for it")
                .hasMessageContaining("Stdio or Files adapter");
    }
}
