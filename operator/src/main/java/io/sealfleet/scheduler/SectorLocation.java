package io.sealfleet.scheduler;

import io.sealfleet.table.FileType;
import java.util.Set;

/** Files of a sector found on a storage path. */
public record SectorLocation(SectorRef sector, String pathId, Set<FileType> files) {
    public SectorLocation {
        files = Set.copyOf(files);
    }
}
