package io.sealfleet.table;

import java.util.EnumSet;
import java.util.Set;

/**
 * The sealing task types, with Lotus's short names (used in overrides and the TASK line), the
 * default priority of the queue (lower runs first, negative is the high-priority tier) and Lotus's
 * own order, which breaks ties between types the priority table puts level.
 */
public enum TaskType {
    AddPiece("AP", 6, 9, false, true),
    PreCommit1("PC1", 5, 5, false, true),
    PreCommit2("PC2", 4, 4, false, true),
    Commit1("C1", 2, 2, true, false),
    Commit2("C2", 3, 3, false, true),
    Unseal("UNS", 1, 1, false, true),
    ReadUnsealed("RD", -1, -1, true, false),
    Fetch("GET", -1, -1, true, false),
    Finalize("FIN", -2, -3, true, false),
    ReplicaUpdate("RU", 6, 8, false, true),
    ProveReplicaUpdate1("PR1", 6, 6, true, false),
    ProveReplicaUpdate2("PR2", 6, 7, false, true),
    RegenSectorKey("GSK", 7, 11, false, true),
    FinalizeReplicaUpdate("FRU", 0, 0, true, false);

    private final String shortName;
    private final int defaultPriority;
    private final int lotusOrder;
    private final boolean alwaysOn;
    private final boolean defaultOn;

    TaskType(String shortName, int defaultPriority, int lotusOrder, boolean alwaysOn, boolean defaultOn) {
        this.shortName = shortName;
        this.defaultPriority = defaultPriority;
        this.lotusOrder = lotusOrder;
        this.alwaysOn = alwaysOn;
        this.defaultOn = defaultOn;
    }

    public String shortName() {
        return shortName;
    }

    /** The queue priority of the task table: AddPiece 6 … Unseal 1, Fetch −1, Finalize −2. */
    public int defaultPriority() {
        return defaultPriority;
    }

    /** Lotus's {@code sealtasks} order; only breaks ties between equal priorities. */
    public int lotusOrder() {
        return lotusOrder;
    }

    /**
     * Types a sealing worker always accepts, as Lotus keeps GET, C1, PR1, FIN and FRU on every worker:
     * they finish and hand off sectors the worker already holds, so they stay enabled under an
     * explicit task list and while the worker is paused.
     */
    public boolean alwaysOn() {
        return alwaysOn;
    }

    /** Needs a SNARK prover; a worker takes it only with an external prover configured. */
    public boolean needsProver() {
        return this == Commit2 || this == ProveReplicaUpdate2;
    }

    /**
     * A code from Lotus's worker documentation where it differs from the short name Lotus prints and
     * sealfleet uses (the docs list PRU2 for ProveReplicaUpdate2; lotus-miner prints PR2), or null.
     */
    public static TaskType fromLotusDocsCode(String code) {
        return "PRU2".equals(code) ? ProveReplicaUpdate2 : null;
    }

    public static TaskType fromShortName(String shortName) {
        for (TaskType t : values()) {
            if (t.shortName.equals(shortName)) {
                return t;
            }
        }
        return null;
    }

    /** What a worker with no explicit task list accepts: every type, as lotus-worker's defaults. */
    public static Set<TaskType> defaultSet() {
        EnumSet<TaskType> set = EnumSet.noneOf(TaskType.class);
        for (TaskType t : values()) {
            if (t.alwaysOn || t.defaultOn) {
                set.add(t);
            }
        }
        return set;
    }

    public static Set<TaskType> alwaysOnSet() {
        EnumSet<TaskType> set = EnumSet.noneOf(TaskType.class);
        for (TaskType t : values()) {
            if (t.alwaysOn) {
                set.add(t);
            }
        }
        return set;
    }
}
