package io.sealfleet.lotus;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealfleet.api.PieceSpec;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskSpec;
import io.sealfleet.table.FileType;
import io.sealfleet.table.TaskType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Turns the miner's sealing calls into SectorTasks: validates the parameters, persists the call as
 * its task (named from a fresh CallID) and answers the CallID. The same call repeated while the
 * first is still unanswered gets the first one's CallID, never a second task.
 */
public final class SealingCalls {
    static final String PIECE_SIZES = "piece-sizes";
    static final String PIECE_INDEX = "piece-index";
    static final String PIECE_PADDED = "piece-padded";
    static final String PUSH_STREAM = "push-stream";
    static final String COMM_D = "comm-d";

    private final CallLedger ledger;
    private final Supplier<FleetView> fleet;
    private final PieceStore pieces;
    private final Supplier<String> publicBase;
    private final ReturnSender returns;

    public SealingCalls(CallLedger ledger, Supplier<FleetView> fleet, PieceStore pieces, Supplier<String> publicBase,
                        ReturnSender returns) {
        this.ledger = ledger;
        this.fleet = fleet;
        this.pieces = pieces;
        this.publicBase = publicBase;
        this.returns = returns;
    }

    /** Handles a sealing call; the result is the CallID's JSON. */
    public JsonNode call(LotusMethod method, JsonNode params) {
        JsonNode sectorRef = param(params, 0, "sector");
        long miner = sectorRef.path("ID").path("Miner").asLong(-1);
        long number = sectorRef.path("ID").path("Number").asLong(-1);
        if (miner < 0 || number < 0) {
            throw new LotusCallException(0, "params[0] must be a SectorRef {\"ID\":{\"Miner\":…,\"Number\":…},\"ProofType\":…}");
        }
        SealProof proof = SealProof.of(sectorRef.path("ProofType").asLong(-1));
        if (method.taskType() == null) {
            CallId id = new CallId(miner, number, UUID.randomUUID());
            returns.answerLater(id, method, () -> immediate(method, miner, number, params));
            return id.toJson();
        }
        FleetView view = fleet.get();
        if (view.concurrency(method.taskType(), proof) == 0) {
            throw new LotusCallException(0, "no Ready SealingWorker of the fleet runs " + method.taskType() + " for " + proof
                    + ": enable it on a worker with the resources (or an external prover for Commit2)");
        }
        String work = workHash(method, params);
        Optional<SectorTask> earlier = ledger.inFlight(work);
        if (earlier.isPresent()) {
            return CallLedger.callId(earlier.get()).toJson();
        }
        CallId id = new CallId(miner, number, UUID.randomUUID());
        SectorTaskSpec spec = new SectorTaskSpec();
        spec.miner = "f0" + miner;
        spec.sector = number;
        spec.sectorSize = proof.size().label();
        spec.type = method.taskType();
        Map<String, String> extra = new HashMap<>();
        switch (method) {
            case AddPiece -> addPiece(spec, extra, proof, params, miner, number);
            case SealPreCommit1 -> {
                spec.ticket = hex32(LotusJson.bytesOf(param(params, 1, "ticket"), "params[1] (ticket)"), "ticket");
                checkPieces(param(params, 2, "pieces"), proof, 2);
            }
            case SealPreCommit2 -> preCommit2(extra, proof, params, miner, number);
            case SealCommit1 -> {
                spec.ticket = hex32(LotusJson.bytesOf(param(params, 1, "ticket"), "params[1] (ticket)"), "ticket");
                spec.seed = hex32(LotusJson.bytesOf(param(params, 2, "seed"), "params[2] (seed)"), "seed");
                checkPieces(param(params, 3, "pieces"), proof, 3);
            }
            case SealCommit2 -> commit2(proof, params);
            case FinalizeSector -> spec.deals = deals(miner, number);
            default -> throw new IllegalStateException(method + " has no task");
        }
        ledger.record(id, method, proof, work, spec, prefixed(extra));
        return id.toJson();
    }

    private void addPiece(SectorTaskSpec spec, Map<String, String> extra, SealProof proof, JsonNode params, long miner, long number) {
        List<Long> existing = new ArrayList<>();
        for (JsonNode s : param(params, 1, "existingPieceSizes")) {
            existing.add(s.asLong());
        }
        long size = param(params, 2, "newPieceSize").asLong(-1);
        if (size <= 0 || Long.bitCount(size / 127) != 1 || size % 127 != 0) {
            throw new LotusCallException(0, "params[2] (newPieceSize) " + size + " is not an unpadded piece size (127·2^k)");
        }
        JsonNode data = param(params, 3, "data");
        String type = data.path("Type").asText("");
        String info = data.path("Info").asText("");
        List<PieceSpec> list = new ArrayList<>(earlierPieces(existing, miner, number));
        boolean wholeSectorOfZeros = type.equals("null") && existing.isEmpty() && size == proof.unpaddedSectorBytes();
        if (!wholeSectorOfZeros) {
            PieceSpec p = new PieceSpec();
            p.source = switch (type) {
                case "null" -> publicBase.get() + "/pieces/zero/" + size;
                case "http" -> info;
                case "push" -> {
                    UUID stream = UUID.fromString(info);
                    pieces.expect(stream);
                    extra.put(PUSH_STREAM, stream.toString());
                    yield publicBase.get() + "/pieces/" + stream;
                }
                default -> throw new LotusCallException(0, "params[3] (data) Type '" + type + "' is not null, http or push");
            };
            list.add(p);
            spec.pieces = list;
        }
        spec.deals = (int) list.stream().filter(p -> !p.source.contains("/pieces/zero/")).count();
        List<Long> all = new ArrayList<>(existing);
        all.add(size);
        extra.put(PIECE_SIZES, join(all));
        extra.put(PIECE_INDEX, Integer.toString(existing.size()));
        extra.put(PIECE_PADDED, Long.toString(size / 127 * 128));
    }

    /** The fleet writes a sector's unsealed file in one go, so each AddPiece rewrites the pieces added before it. */
    private List<PieceSpec> earlierPieces(List<Long> existing, long miner, long number) {
        if (existing.isEmpty()) {
            return List.of();
        }
        String want = join(existing);
        for (SectorTask t : ledger.ofSector(miner, number)) {
            if (CallLedger.method(t) == LotusMethod.AddPiece && want.equals(CallLedger.annotation(t, PIECE_SIZES))
                    && TaskOutcome.of(t) instanceof TaskOutcome.Done) {
                return t.getSpec().pieces == null ? List.of() : t.getSpec().pieces;
            }
        }
        throw new LotusCallException(0, "sector " + number + " has earlier pieces " + existing + " that sealfleet did not add; "
                + "sealfleet can only append to a sector whose pieces it added");
    }

    private void preCommit2(Map<String, String> extra, SealProof proof, JsonNode params, long miner, long number) {
        PreCommit1Out pc1 = PreCommit1Out.parse(LotusJson.bytesOf(param(params, 1, "pc1o"), "params[1] (PreCommit1 output)"), proof);
        String commD = CommCid.unsealed(pc1.commD());
        String ran = null;
        for (SectorTask t : ledger.ofSector(miner, number)) {
            if (t.getSpec().type == TaskType.PreCommit1 && TaskOutcome.of(t) instanceof TaskOutcome.Done d) {
                ran = d.outputs().commD;
            }
        }
        if (ran == null && !fleet.get().holdings(miner, number).values().stream().anyMatch(s -> s.contains(FileType.cache))) {
            throw new LotusCallException(0, "sector " + number + " has no PreCommit1 layers in the fleet: its PreCommit1 ran "
                    + "elsewhere; run PreCommit2 where its cache is");
        }
        if (ran != null && !ran.equals(commD)) {
            throw new LotusCallException(0, "the PreCommit1 output's comm_d " + commD + " is not the comm_d " + ran
                    + " of sector " + number + "'s PreCommit1 in the fleet");
        }
        extra.put(COMM_D, commD);
    }

    /** The pieces must fill the sector exactly, as rust-fil-proofs requires before it seals. */
    private static void checkPieces(JsonNode pieces, SealProof proof, int index) {
        if (!pieces.isArray() || pieces.isEmpty()) {
            throw new LotusCallException(0, "params[" + index + "] (pieces) must list the sector's pieces");
        }
        long sum = 0;
        for (JsonNode p : pieces) {
            sum += p.path("Size").asLong();
        }
        if (sum != proof.size().bytes()) {
            throw new LotusCallException(0, "params[" + index + "] (pieces): padded sizes add up to " + sum + " bytes, not the "
                    + proof.size().bytes() + " of a " + proof + " sector");
        }
    }

    private static void commit2(SealProof proof, JsonNode params) {
        byte[] c1 = LotusJson.bytesOf(param(params, 1, "c1o"), "params[1] (Commit1 output)");
        try {
            JsonNode n = LotusJson.MAPPER.readTree(c1);
            if (!proof.name().equals(n.path("registered_proof").asText()) || !n.has("vanilla_proofs")) {
                throw new LotusCallException(0, "params[1]: the Commit1 output is not a " + proof + " SealCommitPhase1Output");
            }
        } catch (java.io.IOException e) {
            throw new LotusCallException(0, "params[1]: the Commit1 output is not JSON: " + e.getMessage());
        }
    }

    private int deals(long miner, long number) {
        int deals = 0;
        for (SectorTask t : ledger.ofSector(miner, number)) {
            if (t.getSpec().type == TaskType.AddPiece && t.getSpec().deals != null) {
                deals = Math.max(deals, t.getSpec().deals);
            }
        }
        return deals;
    }

    /**
     * Calls the fleet answers from what it holds: Fetch and MoveStorage succeed once the fleet has the
     * files (it moves them between its workers itself); ReleaseUnsealed as described in docs/lotus.md.
     * Returns null on success or the error for the Return.
     */
    private LotusCallException immediate(LotusMethod method, long miner, long number, JsonNode params) {
        FleetView view = fleet.get();
        var held = view.holdings(miner, number);
        return switch (method) {
            case Fetch, MoveStorage -> {
                int bits = param(params, 1, "fileType").asInt();
                List<FileType> missing = new ArrayList<>();
                for (FileType t : FileTypes.ofBits(bits)) {
                    boolean there = held.entrySet().stream().anyMatch(e -> e.getValue().contains(t)
                            && (method == LotusMethod.Fetch || e.getKey().canStore()));
                    if (!there) {
                        missing.add(t);
                    }
                }
                yield missing.isEmpty() ? null : new LotusCallException(0, "sector " + number + ": " + missing + " not "
                        + (method == LotusMethod.Fetch ? "in the fleet" : "on a canStore path of the fleet")
                        + "; sealfleet moves files only between its own workers");
            }
            case ReleaseUnsealed -> {
                boolean keepSome = params.size() > 1 && params.get(1).isArray() && params.get(1).size() > 0;
                boolean present = held.values().stream().anyMatch(s -> s.contains(FileType.unsealed));
                if (!present || keepSome || deals(miner, number) == 0) {
                    yield null;
                }
                yield new LotusCallException(0, "sector " + number + " has deals: sealfleet keeps its whole unsealed copy "
                        + "at Finalize and cannot release parts of it");
            }
            default -> throw new IllegalStateException(method + " runs as a task");
        };
    }

    static JsonNode param(JsonNode params, int i, String name) {
        if (params == null || !params.isArray() || params.size() <= i || params.get(i) == null) {
            throw new LotusCallException(0, "params[" + i + "] (" + name + ") is missing");
        }
        return params.get(i);
    }

    private static String hex32(byte[] b, String what) {
        if (b.length != 32) {
            throw new LotusCallException(0, what + " must be 32 bytes, not " + b.length);
        }
        return HexFormat.of().formatHex(b);
    }

    /** A label-sized digest of the call: method and parameters. */
    static String workHash(LotusMethod method, JsonNode params) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(method.name().getBytes(StandardCharsets.UTF_8));
            sha.update(PreCommit1Out.sortedCompact(params == null ? LotusJson.MAPPER.createArrayNode() : params));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 40);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String join(List<Long> sizes) {
        return String.join(",", sizes.stream().map(String::valueOf).toList());
    }

    private static Map<String, String> prefixed(Map<String, String> extra) {
        Map<String, String> out = new HashMap<>();
        extra.forEach((k, v) -> out.put(CallLedger.PREFIX + k, v));
        return out;
    }
}
