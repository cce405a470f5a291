package io.sealfleet.lotus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The worker API the miner calls: discovery and health ({@code Version}, {@code Session},
 * {@code Info}, {@code TaskTypes}, {@code Paths}, {@code Enabled}) and the sealing calls. The
 * lotus-worker CLI's management methods get an error that says where the fleet is managed.
 */
public final class WorkerRpc {
    /** Worker API 1.7.0: the miner checks major.minor. */
    public static final int WORKER_API_VERSION = 1 << 16 | 7 << 8;

    private final UUID session;
    private final String hostname;
    private final Supplier<FleetView> fleet;
    private final SealingCalls calls;

    public WorkerRpc(UUID session, String hostname, Supplier<FleetView> fleet, SealingCalls calls) {
        this.session = session;
        this.hostname = hostname;
        this.fleet = fleet;
        this.calls = calls;
    }

    /** Answers one method; a {@link LotusCallException} or {@link NoSuchMethod} becomes a JSON-RPC error. */
    public JsonNode invoke(String method, JsonNode params) {
        LotusMethod sealing = LotusMethod.ofRpc(method);
        if (sealing != null) {
            return calls.call(sealing, params);
        }
        return switch (method) {
            case "Filecoin.Version" -> IntNode.valueOf(WORKER_API_VERSION);
            case "Filecoin.Session", "Filecoin.ProcessSession" -> TextNode.valueOf(session.toString());
            case "Filecoin.Info" -> fleet.get().info(hostname);
            case "Filecoin.TaskTypes" -> fleet.get().taskTypes();
            case "Filecoin.Paths" -> fleet.get().lotusPaths();
            case "Filecoin.Enabled" -> BooleanNode.valueOf(!fleet.get().members().isEmpty());
            case "Filecoin.WaitQuiet" -> NullNode.instance;
            case "Filecoin.SetEnabled", "Filecoin.TaskEnable", "Filecoin.TaskDisable", "Filecoin.Remove", "Filecoin.StorageLocal",
                 "Filecoin.StorageAddLocal", "Filecoin.StorageDetachLocal", "Filecoin.StorageDetachAll",
                 "Filecoin.StorageRedeclareLocal", "Filecoin.Shutdown" ->
                    throw new LotusCallException(0, method.substring(9) + " is not available on the sealfleet bridge: the fleet is "
                            + "managed with SealingWorker objects (spec.tasks, spec.paused, spec.storage), e.g. kubectl edit sw <name>");
            default -> throw new NoSuchMethod(method);
        };
    }

    /** JSON-RPC -32601: the method does not exist. */
    public static final class NoSuchMethod extends RuntimeException {
        public NoSuchMethod(String method) {
            super("method '" + method + "' not found");
        }
    }
}
