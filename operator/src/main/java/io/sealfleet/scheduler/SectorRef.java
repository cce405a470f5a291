package io.sealfleet.scheduler;

/** A sector: the miner actor ID and the sector number. */
public record SectorRef(String miner, long number) {
    @Override
    public String toString() {
        return miner + "/" + number;
    }
}
