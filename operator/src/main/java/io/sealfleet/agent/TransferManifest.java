package io.sealfleet.agent;

import io.sealfleet.table.FileType;
import java.util.List;

/** The files a worker serves for a sector: type, name inside a cache directory ("" for a plain file), size, SHA-256. */
public record TransferManifest(String sector, List<Entry> files) {
    public record Entry(FileType type, String name, long size, String sha256) {
    }
}
