package io.sealfleet.lotus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/** Lotus's JSON encodings of the values the worker protocol carries (CIDs, sector IDs, byte strings). */
public final class LotusJson {
    public static final ObjectMapper MAPPER = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private LotusJson() {
    }

    /** {@code {"/":"<cid>"}}, or null for an undefined CID. */
    public static JsonNode cid(String cid) {
        return cid == null ? NullNode.instance : F.objectNode().put("/", cid);
    }

    public static ObjectNode sectorId(long miner, long number) {
        return F.objectNode().put("Miner", miner).put("Number", number);
    }

    public static JsonNode bytes(byte[] b) {
        return b == null ? NullNode.instance : F.textNode(Base64.getEncoder().encodeToString(b));
    }

    /** Standard base64 with padding, as Go encodes []byte; a clear error naming the field otherwise. */
    public static byte[] bytesOf(JsonNode n, String field) {
        if (n == null || !n.isTextual()) {
            throw new LotusCallException(LotusCallException.PERMANENT, field + " must be a base64 byte string");
        }
        try {
            return Base64.getDecoder().decode(n.asText());
        } catch (IllegalArgumentException e) {
            throw new LotusCallException(LotusCallException.PERMANENT, field + " is not standard base64: " + e.getMessage());
        }
    }

    public static JsonNode callError(int code, String message) {
        return F.objectNode().put("Code", code).put("Message", message);
    }

    static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}
