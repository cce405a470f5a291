package io.sealfleet.agent;

/**
 * What the transfer server asks its agent around a delete of sector files: the agent holds back new
 * tasks of the sector between {@link #claim} and {@link #done}, so that no task starts on files that
 * are going.
 */
public interface DeleteGuard {
    /** Allows every delete and reports nothing: for servers without tasks of their own. */
    DeleteGuard NONE = new DeleteGuard() {
        @Override
        public String claim(SectorName sector) {
            return null;
        }

        @Override
        public void done(SectorName sector, boolean removed) {
        }
    };

    /** Why the sector's files may not go now (a task of the sector runs here), or null: then the delete may go ahead. */
    String claim(SectorName sector);

    /** The delete that {@link #claim} allowed has ended; {@code removed}: files went, so space and sectors are reported again. */
    void done(SectorName sector, boolean removed);
}
