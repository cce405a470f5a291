package io.sealfleet.agent.prover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealfleet.agent.KernelException;
import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Files adapter: a command template filled in per task, the proof read from {out}. */
class FilesProverTest {
    @TempDir
    Path tmp;

    private ProofRequest request(TaskType type) throws Exception {
        Path vanilla = Files.writeString(tmp.resolve("vanilla.json"), "[\"AAEC\"]");
        return new ProofRequest(type, vanilla, "t01000", 7, SectorSize.S2KiB, Files.createDirectories(tmp.resolve("work")));
    }

    @Test
    void substitutesEveryPlaceholderInsideItsArgument() throws Exception {
        FilesProver p = new FilesProver(List.of("ssh", "prover-1", "c2 --in={in} --out={out}", "{miner}/{sector}",
                "{sectorSize}", "{type}"));
        ProofRequest r = request(TaskType.ProveReplicaUpdate2);

        assertThat(p.command(r, Path.of("/w/in.json"), Path.of("/w/proof"))).containsExactly("ssh", "prover-1",
                "c2 --in=/w/in.json --out=/w/proof", "t01000/7", "2048", "ProveReplicaUpdate2");
    }

    @Test
    void handsTheVanillaProofsOverAsAFileAndReturnsWhatTheProverWroteToOut() throws Exception {
        // A prover that reads {in} and writes its proof to {out}: here the input reversed byte-wise is not needed, a copy is.
        FilesProver p = new FilesProver(List.of("sh", "-c", "test \"$3\" = Commit2 && { printf proof-of-; cat \"$1\"; } > \"$2\"",
                "prover", "{in}", "{out}", "{type}"));

        byte[] proof = p.prove(request(TaskType.Commit2), LotusBenchProverTest.processes());

        assertThat(new String(proof)).isEqualTo("proof-of-[\"AAEC\"]");
        assertThat(p.types()).containsExactlyInAnyOrder(TaskType.Commit2, TaskType.ProveReplicaUpdate2);
    }

    @Test
    void aProverThatExitsZeroWithoutWritingOutFails() throws Exception {
        FilesProver p = new FilesProver(List.of("true", "{in}", "{out}"));

        assertThatThrownBy(() -> p.prove(request(TaskType.Commit2), LotusBenchProverTest.processes()))
                .isInstanceOf(KernelException.class)
                .hasMessageContaining("wrote no proof to")
                .hasMessageContaining("{out}");
    }
}
