package io.sealfleet.lotus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Commitment CIDs: the prefixes Lotus shows (baga6ea4sea…, bagboea4b5abc…) and their bytes back. */
class CommCidTest {
    @Test
    void commitmentsEncodeUnderLotusPrefixesAndDecodeToTheSameBytes() {
        byte[] c = new byte[32];
        for (int i = 0; i < 32; i++) {
            c[i] = (byte) (31 - i);
        }
        String d = CommCid.unsealed(c);
        String r = CommCid.sealed(c);
        assertThat(d).startsWith("baga6ea4sea");
        assertThat(r).startsWith("bagboea4b5abc");
        assertThat(CommCid.unsealedBytes(d)).isEqualTo(c);
        assertThat(CommCid.sealedBytes(r)).isEqualTo(c);
    }

    @Test
    void aSealedCidIsNotTakenForAnUnsealedOne() {
        String r = CommCid.sealed(new byte[32]);
        assertThatThrownBy(() -> CommCid.unsealedBytes(r)).hasMessageContaining("is not an unsealed commitment");
        assertThatThrownBy(() -> CommCid.unsealedBytes("Qm123")).hasMessageContaining("is not an unsealed commitment");
    }

    @Test
    void theZeroPieceOfTwoKibIsLotusesWellKnownCid() {
        // zerocomm.ZeroPieceCommitment(2032 unpadded), the CC comm_d of a 2 KiB sector.
        assertThat(CommCid.zeroPiece(2048)).isEqualTo("baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy");
        assertThatThrownBy(() -> CommCid.zeroPiece(1000)).hasMessageContaining("not a power of two");
    }
}
