package io.sealfleet.agent.prover;

import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskType;
import java.nio.file.Path;

/**
 * One SNARK to prove.
 *
 * @param type   Commit2 or ProveReplicaUpdate2
 * @param input  the vanilla proofs: the Commit1 output JSON, or the ProveReplicaUpdate1 proofs
 * @param work   the attempt's work directory, where the adapter keeps its files
 */
public record ProofRequest(TaskType type, Path input, String miner, long sector, SectorSize size, Path work) {
}
