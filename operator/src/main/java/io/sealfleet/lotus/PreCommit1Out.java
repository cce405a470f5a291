package io.sealfleet.lotus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * PreCommit1's output in Lotus's form: the JSON of rust-filecoin-proofs-api's
 * {@code SealPreCommitPhase1Output} ({@code registered_proof}, {@code labels}, {@code config},
 * {@code comm_d}) plus {@code "_lotus_SealRandomness"} (the ticket, base64), re-serialised the way Go's
 * {@code json.Marshal} writes a decoded map: compact, keys sorted at every level. The miner only stores
 * it and hands it to whichever worker runs PreCommit2, so a stock lotus-worker can take the sector over.
 *
 * @param cachePath the sector's cache directory on the worker that ran PreCommit1 (informational:
 *                  PreCommit2 substitutes its own cache path)
 */
public record PreCommit1Out(SealProof proof, byte[] commD, byte[] ticket, String cachePath) {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    public byte[] toLotusBytes() {
        long nodes = proof.size().bytes() / 32;
        ObjectNode root = F.objectNode();
        root.set("_lotus_SealRandomness", LotusJson.bytes(ticket));
        var comm = root.putArray("comm_d");
        for (byte b : commD) {
            comm.add(b & 0xff);
        }
        root.set("config", storeConfig("tree-d", 2 * nodes - 1));
        ObjectNode variant = F.objectNode();
        variant.putNull("_h");
        var labels = variant.putArray("labels");
        for (int l = 1; l <= proof.layers(); l++) {
            labels.add(storeConfig("layer-" + l, nodes));
        }
        root.putObject("labels").set(proof.labelsVariant(), variant);
        root.put("registered_proof", proof.name());
        return sortedCompact(root);
    }

    private ObjectNode storeConfig(String id, long size) {
        return F.objectNode().put("id", id).put("path", cachePath).put("rows_to_discard", 0).put("size", size);
    }

    /**
     * Reads a PreCommit1 output the miner hands back with PreCommit2 and checks it describes this
     * sector: its proof, the layer count and node counts of that proof, a 32-byte comm_d and the ticket.
     */
    public static PreCommit1Out parse(byte[] lotusBytes, SealProof expected) {
        JsonNode root;
        try {
            root = LotusJson.MAPPER.readTree(lotusBytes);
        } catch (IOException e) {
            throw bad("it is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw bad("it is not a JSON object");
        }
        SealProof proof = SealProof.byName(root.path("registered_proof").asText(""));
        if (proof != expected) {
            throw bad("registered_proof is " + proof + " but the sector's ProofType is " + expected);
        }
        JsonNode comm = root.path("comm_d");
        if (!comm.isArray() || comm.size() != 32) {
            throw bad("comm_d must be an array of 32 byte values");
        }
        byte[] commD = new byte[32];
        for (int i = 0; i < 32; i++) {
            int v = comm.get(i).asInt(-1);
            if (!comm.get(i).isIntegralNumber() || v < 0 || v > 255) {
                throw bad("comm_d[" + i + "] is not a byte value");
            }
            commD[i] = (byte) v;
        }
        long nodes = proof.size().bytes() / 32;
        JsonNode config = root.path("config");
        if (!"tree-d".equals(config.path("id").asText()) || config.path("size").asLong() != 2 * nodes - 1) {
            throw bad("config must be the tree-d store of " + (2 * nodes - 1) + " nodes");
        }
        JsonNode labels = root.path("labels").path(proof.labelsVariant()).path("labels");
        if (!labels.isArray() || labels.size() != proof.layers()) {
            throw bad("labels." + proof.labelsVariant() + ".labels must list the " + proof.layers() + " layers");
        }
        for (int l = 0; l < labels.size(); l++) {
            JsonNode layer = labels.get(l);
            if (!("layer-" + (l + 1)).equals(layer.path("id").asText()) || layer.path("size").asLong() != nodes) {
                throw bad("labels[" + l + "] must be layer-" + (l + 1) + " of " + nodes + " nodes");
            }
        }
        JsonNode t = root.get("_lotus_SealRandomness");
        byte[] ticket = t == null || t.isNull() ? null : Base64.getDecoder().decode(t.asText());
        if (ticket != null && ticket.length != 32) {
            throw bad("_lotus_SealRandomness must be the 32-byte ticket");
        }
        return new PreCommit1Out(proof, commD, ticket, config.path("path").asText(null));
    }

    private static LotusCallException bad(String why) {
        return new LotusCallException(LotusCallException.PERMANENT, "PreCommit1 output: " + why);
    }

    /** Compact JSON with every object's keys in byte order, as Go writes a map. */
    static byte[] sortedCompact(JsonNode n) {
        StringBuilder s = new StringBuilder();
        write(n, s);
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonNode n, StringBuilder s) {
        if (n.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), e.getValue());
            }
            s.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                if (!first) {
                    s.append(',');
                }
                first = false;
                s.append(goString(e.getKey())).append(':');
                write(e.getValue(), s);
            }
            s.append('}');
        } else if (n.isArray()) {
            s.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) {
                    s.append(',');
                }
                write(n.get(i), s);
            }
            s.append(']');
        } else if (n.isTextual()) {
            s.append(goString(n.asText()));
        } else {
            s.append(n.toString());
        }
    }

    /** A JSON string as Go's encoder writes it: HTML-significant characters escaped. */
    private static String goString(String v) {
        return F.textNode(v).toString().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreCommit1Out p && p.proof == proof && Arrays.equals(p.commD, commD) && Arrays.equals(p.ticket, ticket)
                && java.util.Objects.equals(p.cachePath, cachePath);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(commD);
    }

    @Override
    public String toString() {
        return "PreCommit1Out[" + proof + ", comm_d " + LotusJson.hex(commD) + "]";
    }
}
