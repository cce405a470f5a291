package io.sealfleet.lotus;

import io.sealfleet.table.TaskType;

/**
 * The sealing calls the bridge accepts: Lotus's method, the task type string the miner schedules
 * it under, the fleet task that carries it out (none for calls the bridge answers itself) and the
 * Return method that reports it.
 */
public enum LotusMethod {
    AddPiece("seal/v0/addpiece", TaskType.AddPiece, "ReturnAddPiece"),
    SealPreCommit1("seal/v0/precommit/1", TaskType.PreCommit1, "ReturnSealPreCommit1"),
    SealPreCommit2("seal/v0/precommit/2", TaskType.PreCommit2, "ReturnSealPreCommit2"),
    SealCommit1("seal/v0/commit/1", TaskType.Commit1, "ReturnSealCommit1"),
    SealCommit2("seal/v0/commit/2", TaskType.Commit2, "ReturnSealCommit2"),
    FinalizeSector("seal/v0/finalize", TaskType.Finalize, "ReturnFinalizeSector"),
    ReleaseUnsealed("seal/v0/finalizeunsealed", null, "ReturnReleaseUnsealed"),
    Fetch("seal/v0/fetch", null, "ReturnFetch"),
    MoveStorage("seal/v0/fetch", null, "ReturnMoveStorage");

    private final String taskString;
    private final TaskType taskType;
    private final String returnMethod;

    LotusMethod(String taskString, TaskType taskType, String returnMethod) {
        this.taskString = taskString;
        this.taskType = taskType;
        this.returnMethod = returnMethod;
    }

    public String taskString() {
        return taskString;
    }

    /** The fleet task that runs this call, or null when the bridge answers it from the fleet's state. */
    public TaskType taskType() {
        return taskType;
    }

    public String returnMethod() {
        return "Filecoin." + returnMethod;
    }

    /** Whether the Return carries a result before the error (all but the error-only Returns). */
    public boolean returnsValue() {
        return this == AddPiece || this == SealPreCommit1 || this == SealPreCommit2 || this == SealCommit1 || this == SealCommit2;
    }

    public static LotusMethod ofRpc(String rpcMethod) {
        String name = rpcMethod.startsWith("Filecoin.") ? rpcMethod.substring("Filecoin.".length()) : rpcMethod;
        for (LotusMethod m : values()) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        return null;
    }
}
