package io.sealfleet.lotus;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Filecoin's piece and sector commitments as CIDs: CIDv1, base32 lower-case multibase. comm_d and
 * commP use codec fil-commitment-unsealed with multihash sha2-256-trunc254-padded ({@code baga6ea4sea…});
 * comm_r uses fil-commitment-sealed with poseidon-bls12_381-a2-fc1 ({@code bagboea4b5abc…}).
 */
public final class CommCid {
    private static final byte[] UNSEALED_PREFIX = {0x01, (byte) 0x81, (byte) 0xe2, 0x03, (byte) 0x92, 0x20, 0x20};
    private static final byte[] SEALED_PREFIX = {0x01, (byte) 0x82, (byte) 0xe2, 0x03, (byte) 0x81, (byte) 0xe8, 0x02, 0x20};
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    private CommCid() {
    }

    public static String unsealed(byte[] comm) {
        return encode(UNSEALED_PREFIX, comm);
    }

    public static String sealed(byte[] comm) {
        return encode(SEALED_PREFIX, comm);
    }

    /** The 32 commitment bytes of a comm_d/commP CID; IllegalArgumentException when it is not one. */
    public static byte[] unsealedBytes(String cid) {
        return decode(cid, UNSEALED_PREFIX, "an unsealed commitment (baga6ea4sea...)");
    }

    public static byte[] sealedBytes(String cid) {
        return decode(cid, SEALED_PREFIX, "a sealed commitment (bagboea4b5abc...)");
    }

    /** commP of a piece of zeros of this padded size (a power of two, at least 128 bytes). */
    public static String zeroPiece(long paddedSize) {
        if (paddedSize < 128 || Long.bitCount(paddedSize) != 1) {
            throw new IllegalArgumentException("padded piece size " + paddedSize + " is not a power of two of at least 128");
        }
        byte[] node = new byte[32];
        for (long width = 32; width < paddedSize; width *= 2) {
            node = hashPair(node, node);
        }
        return unsealed(node);
    }

    private static byte[] hashPair(byte[] a, byte[] b) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(a);
            sha.update(b);
            byte[] out = sha.digest();
            out[31] &= 0x3f;
            return out;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(byte[] prefix, byte[] comm) {
        if (comm.length != 32) {
            throw new IllegalArgumentException("a commitment has 32 bytes, not " + comm.length);
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(prefix);
        b.writeBytes(comm);
        return "b" + base32(b.toByteArray());
    }

    private static byte[] decode(String cid, byte[] prefix, String what) {
        if (cid == null || !cid.startsWith("b")) {
            throw new IllegalArgumentException("'" + cid + "' is not " + what);
        }
        byte[] raw = unbase32(cid.substring(1), cid, what);
        if (raw.length != prefix.length + 32 || !Arrays.equals(Arrays.copyOf(raw, prefix.length), prefix)) {
            throw new IllegalArgumentException("'" + cid + "' is not " + what);
        }
        return Arrays.copyOfRange(raw, prefix.length, raw.length);
    }

    private static String base32(byte[] data) {
        StringBuilder s = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte v : data) {
            buffer = (buffer << 8) | (v & 0xff);
            bits += 8;
            while (bits >= 5) {
                s.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            s.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return s.toString();
    }

    private static byte[] unbase32(String text, String cid, String what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            int v = ALPHABET.indexOf(c);
            if (v < 0) {
                throw new IllegalArgumentException("'" + cid + "' is not " + what + ": '" + c + "' is not base32");
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
