package io.sealfleet.lotus;

import io.sealfleet.table.FileType;
import java.util.EnumSet;
import java.util.Set;

/** Lotus's SectorFileType bits: unsealed 1, sealed 2, cache 4, update 8, update-cache 16. */
final class FileTypes {
    private FileTypes() {
    }

    static int bit(FileType t) {
        return switch (t) {
            case unsealed -> 1;
            case sealed -> 2;
            case cache -> 4;
            case update -> 8;
            case updateCache -> 16;
        };
    }

    static Set<FileType> ofBits(int bits) {
        Set<FileType> out = EnumSet.noneOf(FileType.class);
        for (FileType t : FileType.values()) {
            if ((bits & bit(t)) != 0) {
                out.add(t);
            }
        }
        return out;
    }

    static int bits(Set<FileType> types) {
        int b = 0;
        for (FileType t : types) {
            b |= bit(t);
        }
        return b;
    }
}
