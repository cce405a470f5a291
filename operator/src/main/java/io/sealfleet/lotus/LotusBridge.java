package io.sealfleet.lotus;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lotus-worker as the miner sees it, backed by the fleet: checks the miner's API version,
 * announces the fleet's storage, registers with {@code WorkerConnect}, serves the worker API and
 * sends the Returns. Its Session UUID is derived from its namespace and name, so a restarted bridge
 * is the same worker to the miner and answers the calls its predecessor accepted (they are in the
 * SectorTasks). When the miner's own Session changes (a miner restart) storage is announced and the
 * worker registered again.
 */
public final class LotusBridge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LotusBridge.class);
    /** Miner API 1.5.x, as lotus-worker requires it (it checks the exact value; the patch level is let through here). */
    static final int MINER_API_VERSION = 0x010500;

    private final BridgeConfig cfg;
    private final UUID session;
    private final MinerClient miner;
    private final CallLedger ledger;
    private final ReturnSender returns;
    private final StorageAnnouncer storage;
    private final BridgeServer server;
    private final Supplier<FleetView> fleet;
    private final ScheduledExecutorService loops = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "sealfleet-lotus");
        t.setDaemon(true);
        return t;
    });
    private volatile String minerSession;

    public LotusBridge(KubernetesClient client, BridgeConfig cfg) throws IOException {
        this.cfg = cfg;
        this.session = sessionOf(cfg.namespace(), cfg.name());
        this.miner = new MinerClient(cfg.miner());
        this.ledger = new CallLedger(client, cfg.namespace(), cfg.name());
        this.fleet = memo(() -> FleetView.read(client, cfg.namespace()));
        FleetFiles files = new FleetFiles(cfg.transferToken());
        PieceStore pieces = new PieceStore(cfg.dataDir().resolve("pieces"));
        this.returns = new ReturnSender(miner, ledger, fleet, files, pieces);
        String[] base = new String[1];
        SealingCalls calls = new SealingCalls(ledger, fleet, pieces, () -> base[0], returns);
        WorkerRpc rpc = new WorkerRpc(session, cfg.name(), fleet, calls);
        this.server = new BridgeServer(new InetSocketAddress(cfg.listenHost(), cfg.port()), rpc, new TokenVerifier(miner), pieces,
                new RemoteFiles(fleet, files));
        base[0] = "http://" + cfg.advertiseHost() + ":" + server.port();
        this.storage = new StorageAnnouncer(miner, base[0] + "/remote");
    }

    /** The worker's identity in the miner: stable across restarts of the same bridge. */
    public static UUID sessionOf(String namespace, String name) {
        return UUID.nameUUIDFromBytes(("sealfleet-lotus-worker:" + namespace + "/" + name).getBytes(StandardCharsets.UTF_8));
    }

    public UUID session() {
        return session;
    }

    public int port() {
        return server.port();
    }

    public String rpcUrl() {
        return "http://" + cfg.advertiseHost() + ":" + server.port() + "/rpc/v0";
    }

    /**
     * Checks the miner's API version (a miner that cannot be reached yet is waited for; a wrong
     * version is an error), then starts registering and the loops.
     */
    public LotusBridge start(Duration waitForMiner) throws InterruptedException, IOException {
        checkVersion(waitForMiner);
        loops.scheduleWithFixedDelay(this::heartbeat, 0, cfg.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        loops.scheduleWithFixedDelay(this::sendReturns, 0, cfg.tick().toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void checkVersion(Duration waitForMiner) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + waitForMiner.toNanos();
        while (true) {
            try {
                JsonNode v = miner.call(Duration.ofSeconds(10), "Filecoin.Version");
                long api = v.path("APIVersion").asLong();
                if ((api & 0xffff00) != MINER_API_VERSION) {
                    throw new IOException("the miner at " + cfg.miner().host() + ":" + cfg.miner().port() + " speaks API version "
                            + (api >> 16 & 0xff) + "." + (api >> 8 & 0xff) + "." + (api & 0xff) + " (" + v.path("Version").asText()
                            + "); this bridge speaks the miner API 1.5 of Lotus v1.2x/v1.3x");
                }
                LOG.info("miner " + v.path("Version").asText() + " (API " + api + ") at " + cfg.miner().host() + ":" + cfg.miner().port());
                return;
            } catch (RpcException e) {
                throw new IOException("the miner refused Version: " + e.getMessage()
                        + "; is MINER_API_INFO's token an admin token (lotus-miner auth api-info --perm admin)?");
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().contains("speaks API version")) {
                    throw e;
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("cannot reach the miner at " + cfg.miner().rpcUri() + ": " + e.getMessage());
                }
                LOG.warn("miner not reachable yet (" + e.getMessage() + "); retrying");
                Thread.sleep(1000);
            }
        }
    }

    /** Session check: a new miner session (or none registered yet) means announce storage and connect. */
    private void heartbeat() {
        try {
            String now = miner.call(Duration.ofSeconds(5), "Filecoin.Session").asText();
            if (!now.equals(minerSession)) {
                LOG.info(minerSession == null ? "registering with miner session " + now
                        : "the miner restarted (session " + minerSession + " -> " + now + "): announcing storage and registering again");
                storage.forget();
                storage.pass(fleet.get());
                miner.call("Filecoin.WorkerConnect", rpcUrl());
                minerSession = now;
                LOG.info("registered as worker " + session + " (" + rpcUrl() + ")");
            } else {
                storage.pass(fleet.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("heartbeat: " + e.getMessage());
        }
    }

    private void sendReturns() {
        try {
            returns.pass();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("sending Returns", e);
        }
    }

    /** Stops at once, as a crash would: what is not in the SectorTasks is lost. */
    public void kill() {
        loops.shutdownNow();
        server.close();
    }

    @Override
    public void close() {
        kill();
    }

    /** The fleet as read at most once a second: TaskTypes and Paths are asked on every scheduling pass. */
    private static Supplier<FleetView> memo(Supplier<FleetView> read) {
        Object lock = new Object();
        FleetView[] cached = new FleetView[1];
        long[] at = new long[1];
        return () -> {
            synchronized (lock) {
                if (cached[0] == null || System.nanoTime() - at[0] > 1_000_000_000L) {
                    cached[0] = read.get();
                    at[0] = System.nanoTime();
                }
                return cached[0];
            }
        };
    }
}
