package io.sealfleet.lotus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.sealfleet.agent.SectorName;
import io.sealfleet.api.AttemptFailure;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.TaskOutputs;
import io.sealfleet.table.FileType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each call's Return once its task has ended, and marks the call answered when the miner
 * acknowledges it. A Return the miner refuses as a duplicate counts as delivered (an earlier bridge
 * delivered it before it could record that); a miner it cannot reach is tried again on the next pass.
 * One thread runs {@link #pass()}, so a Return is never in flight twice.
 */
public final class ReturnSender {
    private static final Logger LOG = LoggerFactory.getLogger(ReturnSender.class);
    static final String COMMIT1_OUTPUT = "commit1-output.json";
    static final String COMMIT2_PROOF = "commit2-proof";

    /** A call the bridge answers from the fleet's state rather than with a task (Fetch, MoveStorage, ReleaseUnsealed). */
    private record Immediate(CallId id, LotusMethod method, Supplier<LotusCallException> outcome, long since) {
    }

    /**
     * How long a Fetch or MoveStorage waits for the fleet to report the files before it fails: agents
     * report their storage every few seconds, so a task's output shows up shortly after its success.
     */
    static final long SETTLE_NANOS = java.time.Duration.ofSeconds(30).toNanos();

    private final MinerClient miner;
    private final CallLedger ledger;
    private final Supplier<FleetView> fleet;
    private final FleetFiles files;
    private final PieceStore pieces;
    private final Map<CallId, Immediate> immediate = new ConcurrentHashMap<>();

    public ReturnSender(MinerClient miner, CallLedger ledger, Supplier<FleetView> fleet, FleetFiles files, PieceStore pieces) {
        this.miner = miner;
        this.ledger = ledger;
        this.fleet = fleet;
        this.files = files;
        this.pieces = pieces;
    }

    void answerLater(CallId id, LotusMethod method, Supplier<LotusCallException> outcome) {
        immediate.put(id, new Immediate(id, method, outcome, System.nanoTime()));
    }

    /** One round: every ended, unanswered call gets its Return. */
    public void pass() throws InterruptedException {
        for (Immediate i : new ArrayList<>(immediate.values())) {
            LotusCallException err = i.outcome().get();
            if (err != null && System.nanoTime() - i.since() < SETTLE_NANOS) {
                continue;
            }
            if (send(i.id(), i.method(), NullNode.instance, err)) {
                immediate.remove(i.id());
            }
        }
        for (SectorTask t : ledger.unanswered()) {
            try {
                answer(t);
            } catch (RuntimeException e) {
                // One task the bridge cannot answer now must not hold up the others.
                LOG.warn("Return for " + t.getMetadata().getName() + " not sent yet", e);
            }
        }
    }

    private void answer(SectorTask t) throws InterruptedException {
        TaskOutcome outcome = TaskOutcome.of(t);
        if (outcome instanceof TaskOutcome.Running) {
            return;
        }
        LotusMethod method = CallLedger.method(t);
        CallId id = CallLedger.callId(t);
        JsonNode result;
        LotusCallException err = null;
        if (outcome instanceof TaskOutcome.Done done) {
            try {
                result = result(t, method, done);
            } catch (IOException e) {
                LOG.warn("Return of " + id + " (" + method + "): cannot read its result from the fleet yet: " + e.getMessage());
                return;
            } catch (LotusCallException e) {
                result = ReturnShapes.zero(method);
                err = e;
            }
        } else {
            TaskOutcome.Failed f = (TaskOutcome.Failed) outcome;
            result = ReturnShapes.zero(method);
            boolean pushed = CallLedger.annotation(t, SealingCalls.PUSH_STREAM) != null;
            err = new LotusCallException(codeOf(f.reason(), pushed), t.getMetadata().getName() + " failed: " + f.reason() + ": " + f.message());
        }
        if (send(id, method, result, err)) {
            ledger.markAnswered(t);
            if (method == LotusMethod.SealPreCommit1) {
                dropPushedPieces(id);
            }
        }
    }

    /**
     * Each AddPiece rewrites the sector's earlier pieces, so pushed piece data is kept until the
     * sector has gone past AddPiece: its PreCommit1 has been answered.
     */
    private void dropPushedPieces(CallId id) {
        for (SectorTask t : ledger.ofSector(id.miner(), id.number())) {
            String stream = CallLedger.annotation(t, SealingCalls.PUSH_STREAM);
            if (stream != null) {
                try {
                    pieces.delete(java.util.UUID.fromString(stream));
                } catch (IOException e) {
                    LOG.warn("cannot remove piece " + stream + ": " + e.getMessage());
                }
            }
        }
    }

    /** 102 (no space) and 101 (data lost in a bridge restart) make the miner retry the step; anything else fails it. */
    static int codeOf(String reason, boolean pushedPiece) {
        AttemptFailure failure = AttemptFailure.of(reason).orElse(null);
        if (failure == AttemptFailure.InsufficientStorage) {
            return LotusCallException.NO_SPACE;
        }
        if (failure == AttemptFailure.InputMissing && pushedPiece) {
            return LotusCallException.RESTARTED;
        }
        return LotusCallException.PERMANENT;
    }

    private JsonNode result(SectorTask t, LotusMethod method, TaskOutcome.Done done) throws IOException, InterruptedException {
        TaskOutputs o = done.outputs();
        SealProof proof = CallLedger.proof(t);
        SectorName sector = new SectorName(CallLedger.callId(t).miner(), CallLedger.callId(t).number());
        return switch (method) {
            case AddPiece -> {
                long padded = Long.parseLong(CallLedger.annotation(t, SealingCalls.PIECE_PADDED));
                int index = Integer.parseInt(CallLedger.annotation(t, SealingCalls.PIECE_INDEX));
                String commP;
                if (t.getSpec().pieces == null || t.getSpec().pieces.isEmpty()) {
                    commP = CommCid.zeroPiece(padded);
                } else if (o.pieces != null && o.pieces.size() > index) {
                    commP = o.pieces.get(index);
                } else {
                    throw new LotusCallException(0, "AddPiece reported " + o.pieces + ", no piece " + index);
                }
                yield ReturnShapes.pieceInfo(padded, commP);
            }
            case SealPreCommit1 -> {
                if (o.commD == null) {
                    throw new LotusCallException(0, "PreCommit1 reported no comm_d");
                }
                String cache = o.files == null ? null : o.files.get("cache");
                byte[] ticket = java.util.HexFormat.of().parseHex(t.getSpec().ticket);
                yield LotusJson.bytes(new PreCommit1Out(proof, CommCid.unsealedBytes(o.commD), ticket, cache).toLotusBytes());
            }
            case SealPreCommit2 -> {
                String commD = o.commD != null ? o.commD : CallLedger.annotation(t, SealingCalls.COMM_D);
                if (o.commR == null || commD == null) {
                    throw new LotusCallException(0, "PreCommit2 reported no comm_r or comm_d");
                }
                yield ReturnShapes.sectorCids(commD, o.commR);
            }
            case SealCommit1 -> LotusJson.bytes(files.read(endpoint(done, sector), fleet.get().allGroups(), sector, FileType.cache, COMMIT1_OUTPUT));
            case SealCommit2 -> LotusJson.bytes(files.read(endpoint(done, sector), fleet.get().allGroups(), sector, FileType.cache, COMMIT2_PROOF));
            default -> NullNode.instance;
        };
    }

    private String endpoint(TaskOutcome.Done done, SectorName sector) throws IOException {
        FleetView view = fleet.get();
        String e = done.worker() == null ? null : view.endpointOf(done.worker());
        if (e == null) {
            e = view.holder(sector.minerId(), sector.number(), FileType.cache);
        }
        if (e == null) {
            throw new IOException("no Ready worker serves the cache of " + sector);
        }
        return e;
    }

    /** Sends one Return; true when the miner has it (now, or already from an earlier try). */
    private boolean send(CallId id, LotusMethod method, JsonNode result, LotusCallException err) throws InterruptedException {
        JsonNode error = err == null ? NullNode.instance : LotusJson.callError(err.code(), err.getMessage());
        try {
            if (method.returnsValue()) {
                miner.call(method.returnMethod(), id.toJson(), result, error);
            } else {
                miner.call(method.returnMethod(), id.toJson(), error);
            }
            return true;
        } catch (RpcException e) {
            LOG.info(method.returnMethod() + " for " + id + " refused (" + e.getMessage() + "): the miner already has it");
            return true;
        } catch (IOException e) {
            LOG.warn(method.returnMethod() + " for " + id + ": miner unreachable, will retry: " + e.getMessage());
            return false;
        }
    }
}
