package io.sealfleet.lotus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The result values of the Return calls, and the zero value each carries when the call failed. */
final class ReturnShapes {
    private ReturnShapes() {
    }

    static ObjectNode pieceInfo(long paddedSize, String commP) {
        ObjectNode n = LotusJson.MAPPER.createObjectNode();
        n.put("Size", paddedSize);
        n.set("PieceCID", LotusJson.cid(commP));
        return n;
    }

    static ObjectNode sectorCids(String unsealed, String sealed) {
        ObjectNode n = LotusJson.MAPPER.createObjectNode();
        n.set("Unsealed", LotusJson.cid(unsealed));
        n.set("Sealed", LotusJson.cid(sealed));
        return n;
    }

    static JsonNode zero(LotusMethod method) {
        return switch (method) {
            case AddPiece -> pieceInfo(0, null);
            case SealPreCommit2 -> sectorCids(null, null);
            default -> NullNode.instance;
        };
    }
}
