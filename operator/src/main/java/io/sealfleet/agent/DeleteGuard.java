package io.sealfleet.agent;

/** What the transfer server asks its agent around a delete of sector files. */
public interface DeleteGuard {
    /** Allows every delete and reports nothing: for servers without tasks of their own. */
    DeleteGuard NONE = new DeleteGuard() {
        @Override
        public String busy(SectorName sector) {
            return null;
        }

        @Override
        public void deleted(SectorName sector) {
        }
    };

    /** Why the sector's files may not go now (a task of the sector runs here), or null. */
    String busy(SectorName sector);

    /** Files of the sector were removed: the freed space and the sector list are reported again. */
    void deleted(SectorName sector);
}
