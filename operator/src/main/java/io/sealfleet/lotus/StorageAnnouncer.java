package io.sealfleet.lotus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sealfleet.api.StoredSector;
import io.sealfleet.table.FileType;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the miner's storage index in step with the fleet: attaches each storage path of a Ready
 * worker (its URL is the bridge's {@code /remote}), declares the sector files the agents report,
 * drops those that went away, and reports each path's health every pass. The index lives in the
 * miner's memory, so after a miner restart {@link #forget()} makes the next pass announce everything again.
 */
public final class StorageAnnouncer {
    private static final Logger LOG = LoggerFactory.getLogger(StorageAnnouncer.class);

    /** One declared file set: path, sector and the file-type bits. */
    private record Declared(String path, long miner, long number, int bits) {
    }

    private final MinerClient miner;
    private final String remoteUrl;
    private final Set<String> attached = new HashSet<>();
    private final Set<Declared> declared = new HashSet<>();

    public StorageAnnouncer(MinerClient miner, String remoteUrl) {
        this.miner = miner;
        this.remoteUrl = remoteUrl;
    }

    public synchronized void forget() {
        attached.clear();
        declared.clear();
    }

    public synchronized void pass(FleetView fleet) throws IOException, InterruptedException, RpcException {
        Set<Declared> now = new HashSet<>();
        for (FleetView.Path p : fleet.paths()) {
            String id = p.spec().id;
            if (!attached.contains(id)) {
                miner.call("Filecoin.StorageAttach", storageInfo(p), fsStat(p));
                attached.add(id);
                LOG.info("attached storage " + id + " of worker " + p.worker());
            }
            miner.call("Filecoin.StorageReportHealth", id, Map.of("Stat", fsStat(p), "Err", ""));
            if (p.status().sectors == null) {
                continue;
            }
            for (StoredSector s : p.status().sectors) {
                if (s.files == null || s.miner == null || s.sector == null) {
                    continue;
                }
                long minerId = Long.parseLong(s.miner.substring(2));
                for (FileType t : s.files) {
                    now.add(new Declared(id, minerId, s.sector, FileTypes.bit(t)));
                }
            }
        }
        Map<String, Boolean> primary = new HashMap<>();
        fleet.paths().forEach(p -> primary.put(p.spec().id, p.canStore()));
        for (Declared d : now) {
            if (!declared.contains(d)) {
                miner.call("Filecoin.StorageDeclareSector", d.path(), LotusJson.sectorId(d.miner(), d.number()), d.bits(),
                        primary.getOrDefault(d.path(), false));
                declared.add(d);
            }
        }
        for (Declared d : List.copyOf(declared)) {
            if (!now.contains(d)) {
                miner.call("Filecoin.StorageDropSector", d.path(), LotusJson.sectorId(d.miner(), d.number()), d.bits());
                declared.remove(d);
            }
        }
    }

    private ObjectNode storageInfo(FleetView.Path p) {
        ObjectNode n = LotusJson.MAPPER.createObjectNode();
        n.put("ID", p.spec().id);
        n.putArray("URLs").add(remoteUrl);
        n.put("Weight", p.weight());
        n.put("MaxStorage", p.spec().maxStorage == null ? 0 : io.sealfleet.table.Bytes.parse(p.spec().maxStorage));
        n.put("CanSeal", p.canSeal());
        n.put("CanStore", p.canStore());
        var groups = n.putArray("Groups");
        if (p.spec().groups != null) {
            p.spec().groups.forEach(groups::add);
        }
        var allowTo = n.putArray("AllowTo");
        if (p.spec().allowTo != null) {
            p.spec().allowTo.forEach(allowTo::add);
        }
        n.putArray("AllowTypes");
        n.putArray("DenyTypes");
        n.putArray("AllowMiners");
        n.putArray("DenyMiners");
        return n;
    }

    private static ObjectNode fsStat(FleetView.Path p) {
        long cap = p.status().capacityBytes == null ? 0 : p.status().capacityBytes;
        long avail = p.status().availableBytes == null ? 0 : p.status().availableBytes;
        ObjectNode n = LotusJson.MAPPER.createObjectNode();
        n.put("Capacity", cap).put("Available", avail).put("FSAvailable", avail).put("Reserved", 0).put("Max", 0)
                .put("Used", Math.max(0, cap - avail));
        return n;
    }
}
