package io.sealfleet.lotus;

import io.sealfleet.table.SectorSize;

/**
 * Lotus's RegisteredSealProof numbers the fleet's kernels seal (the v1.1 proofs), with the names
 * rust-filecoin-proofs-api serialises them under and the SDR layer count of each size.
 */
public enum SealProof {
    StackedDrg2KiBV1_1(5, SectorSize.S2KiB, 2),
    StackedDrg8MiBV1_1(6, SectorSize.S8MiB, 2),
    StackedDrg512MiBV1_1(7, SectorSize.S512MiB, 2),
    StackedDrg32GiBV1_1(8, SectorSize.S32GiB, 11),
    StackedDrg64GiBV1_1(9, SectorSize.S64GiB, 11);

    private final int number;
    private final SectorSize size;
    private final int layers;

    SealProof(int number, SectorSize size, int layers) {
        this.number = number;
        this.size = size;
        this.layers = layers;
    }

    public int number() {
        return number;
    }

    public SectorSize size() {
        return size;
    }

    public int layers() {
        return layers;
    }

    /** The {@code labels} variant: named by the sector size only ({@code StackedDrg32GiBV1}). */
    public String labelsVariant() {
        return name().substring(0, name().length() - 2);
    }

    /** Unpadded bytes of a whole sector (127/128 of its size). */
    public long unpaddedSectorBytes() {
        return size.bytes() / 128 * 127;
    }

    /** The proof of a RegisteredSealProof number; a clear error for one the fleet cannot seal. */
    public static SealProof of(long number) {
        for (SealProof p : values()) {
            if (p.number == number) {
                return p;
            }
        }
        throw new LotusCallException(0, "sector ProofType " + number + " is not sealed by sealfleet: it seals the v1.1 proofs "
                + "5 (2KiB) to 9 (64GiB); turn this task type off for the sealfleet worker or use a v1.1 proof");
    }

    public static SealProof byName(String name) {
        for (SealProof p : values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new LotusCallException(0, "registered_proof '" + name + "' is not a v1.1 seal proof sealfleet seals");
    }
}
