package io.sealfleet.agent.prover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/**
 * The input file of {@code lotus-bench prove}: Lotus's {@code Commit2In} struct in
 * filecoin-project/lotus {@code cmd/lotus-bench/main.go}:
 * <pre>
 * type Commit2In struct {
 *     SectorNum  int64
 *     Phase1Out  []byte
 *     SectorSize uint64
 * }
 * </pre>
 * read with Go's {@code encoding/json}: the field names as written (no tags), numbers as JSON
 * numbers, and the {@code []byte} as a standard base64 string (with padding). {@code Phase1Out} is
 * the bytes filecoin-ffi's SealCommitPhase1 returns, which is the Commit1 output JSON itself.
 */
record Commit2In(long sectorNum, byte[] phase1Out, long sectorSize) {
    private static final ObjectMapper JSON = new ObjectMapper();

    byte[] toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("SectorNum", sectorNum);
        o.put("Phase1Out", Base64.getEncoder().encodeToString(phase1Out));
        o.put("SectorSize", sectorSize);
        try {
            return JSON.writeValueAsBytes(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
