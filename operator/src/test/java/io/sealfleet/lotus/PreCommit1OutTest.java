package io.sealfleet.lotus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** PreCommit1's output in Lotus's exact form (reference §5.1 and porep-ap-pc1.md §7), and reading it back. */
class PreCommit1OutTest {
    static final byte[] COMM_D = new byte[32];
    static final byte[] TICKET = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            COMM_D[i] = (byte) (i * 7 + 200);
            TICKET[i] = 1;
        }
    }

    @Test
    void aTwoKibOutputIsTheFfiJsonWithTheTicketKeyCompactAndSortedAtEveryLevel() {
        String json = new String(new PreCommit1Out(SealProof.StackedDrg2KiBV1_1, COMM_D, TICKET, "/c").toLotusBytes(),
                StandardCharsets.UTF_8);
        StringBuilder comm = new StringBuilder();
        for (byte b : COMM_D) {
            comm.append(comm.length() == 0 ? "" : ",").append(b & 0xff);
        }
        assertThat(json).isEqualTo("{\"_lotus_SealRandomness\":\"AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=\","
                + "\"comm_d\":[" + comm + "],"
                + "\"config\":{\"id\":\"tree-d\",\"path\":\"/c\",\"rows_to_discard\":0,\"size\":127},"
                + "\"labels\":{\"StackedDrg2KiBV1\":{\"_h\":null,\"labels\":["
                + "{\"id\":\"layer-1\",\"path\":\"/c\",\"rows_to_discard\":0,\"size\":64},"
                + "{\"id\":\"layer-2\",\"path\":\"/c\",\"rows_to_discard\":0,\"size\":64}]}},"
                + "\"registered_proof\":\"StackedDrg2KiBV1_1\"}");
    }

    @Test
    void thirtyTwoGibHasElevenLayersOfOneGiNodesAndATreeDOfTwiceMinusOne() throws Exception {
        var n = new ObjectMapper().readTree(new PreCommit1Out(SealProof.StackedDrg32GiBV1_1, COMM_D, TICKET, "/c").toLotusBytes());
        assertThat(n.path("labels").path("StackedDrg32GiBV1").path("labels")).hasSize(11);
        assertThat(n.path("labels").path("StackedDrg32GiBV1").path("labels").get(10).path("size").asLong()).isEqualTo(1L << 30);
        assertThat(n.path("config").path("size").asLong()).isEqualTo((2L << 30) - 1);
        assertThat(n.path("registered_proof").asText()).isEqualTo("StackedDrg32GiBV1_1");
    }

    @Test
    void stringsAreEscapedAsGoEscapesThem() {
        String json = new String(new PreCommit1Out(SealProof.StackedDrg2KiBV1_1, COMM_D, TICKET, "/a<b>&c").toLotusBytes(),
                StandardCharsets.UTF_8);
        assertThat(json).contains("\"path\":\"/a\\u003cb\\u003e\\u0026c\"");
    }

    @Test
    void anOutputReadsBackToTheSameValues() {
        byte[] raw = new PreCommit1Out(SealProof.StackedDrg8MiBV1_1, COMM_D, TICKET, "/c").toLotusBytes();
        PreCommit1Out back = PreCommit1Out.parse(raw, SealProof.StackedDrg8MiBV1_1);
        assertThat(back.commD()).isEqualTo(COMM_D);
        assertThat(back.ticket()).isEqualTo(TICKET);
        assertThat(back.proof()).isEqualTo(SealProof.StackedDrg8MiBV1_1);
    }

    @Test
    void anOutputForAnotherProofOrWithMissingLayersIsRefusedNamingTheField() throws Exception {
        byte[] raw = new PreCommit1Out(SealProof.StackedDrg2KiBV1_1, COMM_D, TICKET, "/c").toLotusBytes();
        assertThatThrownBy(() -> PreCommit1Out.parse(raw, SealProof.StackedDrg8MiBV1_1))
                .hasMessageContaining("registered_proof is StackedDrg2KiBV1_1 but the sector's ProofType is StackedDrg8MiBV1_1");
        ObjectMapper m = new ObjectMapper();
        ObjectNode n = (ObjectNode) m.readTree(raw);
        ((com.fasterxml.jackson.databind.node.ArrayNode) n.path("labels").path("StackedDrg2KiBV1").path("labels")).remove(1);
        assertThatThrownBy(() -> PreCommit1Out.parse(m.writeValueAsBytes(n), SealProof.StackedDrg2KiBV1_1))
                .hasMessageContaining("labels.StackedDrg2KiBV1.labels must list the 2 layers");
        ObjectNode short32 = (ObjectNode) m.readTree(raw);
        ((com.fasterxml.jackson.databind.node.ArrayNode) short32.get("comm_d")).remove(0);
        assertThatThrownBy(() -> PreCommit1Out.parse(m.writeValueAsBytes(short32), SealProof.StackedDrg2KiBV1_1))
                .hasMessageContaining("comm_d must be an array of 32 byte values");
        assertThatThrownBy(() -> PreCommit1Out.parse("not json".getBytes(StandardCharsets.UTF_8), SealProof.StackedDrg2KiBV1_1))
                .hasMessageContaining("PreCommit1 output: it is not JSON");
        assertThat(Arrays.equals(COMM_D, new byte[32])).isFalse();
    }
}
