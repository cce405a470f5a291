package io.sealfleet.lotus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The parameter shapes of the methods the bridge calls on the miner, as Lotus v1.36.2-dev's OpenRPC
 * documents give them ({@code build/openrpc/miner.json}, commit b835fab702eb): field names and JSON types
 * of each positional parameter. An error parameter may be null (success), as the reference says.
 */
final class OpenRpcShapes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALL_ID = "{\"Sector\":{\"Miner\":1000,\"Number\":9},\"ID\":\"07070707-0707-0707-0707-070707070707\"}";
    private static final String ERROR = "{\"Code\":0,\"Message\":\"string value\"}";
    private static final String CID = "{\"/\":\"bafy\"}";
    private static final String FS_STAT = "{\"Capacity\":9,\"Available\":9,\"FSAvailable\":9,\"Reserved\":9,\"Max\":9,\"Used\":9}";
    static final Map<String, String> PARAMS = Map.ofEntries(
            Map.entry("Filecoin.ReturnAddPiece", "[" + CALL_ID + ",{\"Size\":1032,\"PieceCID\":" + CID + "}," + ERROR + "]"),
            Map.entry("Filecoin.ReturnSealPreCommit1", "[" + CALL_ID + ",\"Bw==\"," + ERROR + "]"),
            Map.entry("Filecoin.ReturnSealPreCommit2", "[" + CALL_ID + ",{\"Unsealed\":" + CID + ",\"Sealed\":" + CID + "}," + ERROR + "]"),
            Map.entry("Filecoin.ReturnSealCommit1", "[" + CALL_ID + ",\"Bw==\"," + ERROR + "]"),
            Map.entry("Filecoin.ReturnSealCommit2", "[" + CALL_ID + ",\"Bw==\"," + ERROR + "]"),
            Map.entry("Filecoin.ReturnFinalizeSector", "[" + CALL_ID + "," + ERROR + "]"),
            Map.entry("Filecoin.ReturnFetch", "[" + CALL_ID + "," + ERROR + "]"),
            Map.entry("Filecoin.StorageAttach", "[{\"ID\":\"76f1\",\"URLs\":[\"s\"],\"Weight\":42,\"MaxStorage\":42,\"CanSeal\":true,"
                    + "\"CanStore\":true,\"Groups\":[\"s\"],\"AllowTo\":[\"s\"],\"AllowTypes\":[\"s\"],\"DenyTypes\":[\"s\"],"
                    + "\"AllowMiners\":[\"s\"],\"DenyMiners\":[\"s\"]}," + FS_STAT + "]"),
            Map.entry("Filecoin.StorageDeclareSector", "[\"76f1\",{\"Miner\":1000,\"Number\":9},1,true]"),
            Map.entry("Filecoin.StorageDropSector", "[\"76f1\",{\"Miner\":1000,\"Number\":9},1]"),
            Map.entry("Filecoin.StorageReportHealth", "[\"76f1\",{\"Stat\":" + FS_STAT + ",\"Err\":\"s\"}]"),
            Map.entry("Filecoin.WorkerConnect", "[\"s\"]"));

    private OpenRpcShapes() {
    }

    static void assertParams(String method, JsonNode params) {
        String expected = PARAMS.get(method);
        assertThat(expected).as("an OpenRPC shape for " + method).isNotNull();
        try {
            assertShape(method, JSON.readTree(expected), params, true);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertShape(String at, JsonNode expected, JsonNode actual, boolean top) {
        if (expected.isObject() && actual.isNull() && (expected.has("Code") || expected.has("/") || at.endsWith("PieceCID"))) {
            return;
        }
        if (expected.isObject()) {
            assertThat(actual.isObject()).as("%s is an object: %s", at, actual).isTrue();
            assertThat(names(actual)).as("fields of %s", at).containsExactlyInAnyOrderElementsOf(names(expected));
            for (String f : names(expected)) {
                assertShape(at + "." + f, expected.get(f), actual.get(f), false);
            }
        } else if (expected.isArray()) {
            assertThat(actual.isArray()).as("%s is an array: %s", at, actual).isTrue();
            if (top) {
                assertThat(actual.size()).as("parameter count of %s", at).isEqualTo(expected.size());
                for (int i = 0; i < expected.size(); i++) {
                    assertShape(at + "[" + i + "]", expected.get(i), actual.get(i), false);
                }
            } else {
                actual.forEach(a -> assertShape(at + "[]", expected.get(0), a, false));
            }
        } else {
            assertThat(actual.getNodeType()).as("JSON type of %s (%s)", at, actual).isEqualTo(expected.getNodeType());
        }
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }
}
