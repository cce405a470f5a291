package io.sealfleet.table;

/**
 * The files of a sector, with Lotus's space model: the scratch space each takes while sealing
 * and after finalizing, as multiples of the sector size (cache is 14.1× while sealing, 0.1× once
 * finalized, so a 32 GiB PreCommit1 allocates 483.2 GiB for cache + sealed).
 */
public enum FileType {
    unsealed(10, 10),
    sealed(10, 10),
    cache(141, 1),
    update(10, 10),
    updateCache(21, 1);

    private final int sealingTenths;
    private final int finalizedTenths;

    FileType(int sealingTenths, int finalizedTenths) {
        this.sealingTenths = sealingTenths;
        this.finalizedTenths = finalizedTenths;
    }

    public long sealingBytes(SectorSize size) {
        return size.bytes() / 10 * sealingTenths;
    }

    public long finalizedBytes(SectorSize size) {
        return size.bytes() / 10 * finalizedTenths;
    }
}
