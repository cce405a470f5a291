package io.sealfleet.lotus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** Lotus's CallID: the sector and a UUID; its string form is {@code <miner>-<number>-<uuid>}. */
public record CallId(long miner, long number, UUID id) {
    public ObjectNode toJson() {
        ObjectNode n = LotusJson.MAPPER.createObjectNode();
        n.set("Sector", LotusJson.sectorId(miner, number));
        n.put("ID", id.toString());
        return n;
    }

    @Override
    public String toString() {
        return miner + "-" + number + "-" + id;
    }

    public static CallId parse(String s) {
        String[] p = s.split("-", 3);
        if (p.length != 3) {
            throw new IllegalArgumentException("'" + s + "' is not a CallID (<miner>-<number>-<uuid>)");
        }
        return new CallId(Long.parseLong(p[0]), Long.parseLong(p[1]), UUID.fromString(p[2]));
    }
}
