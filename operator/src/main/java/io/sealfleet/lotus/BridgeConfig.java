package io.sealfleet.lotus;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a bridge runs.
 *
 * @param name          the worker name the miner shows (LOTUS_WORKER_NAME); also names the bridge's calls
 * @param namespace     the fleet: the SealingWorkers and SectorTasks of this namespace
 * @param miner         MINER_API_INFO
 * @param listenHost    address the HTTP server binds
 * @param port          port of the HTTP server (0: any free one)
 * @param advertiseHost address the miner and the agents reach the bridge at
 * @param transferToken the fleet's transfer token, to read sector files from the agents
 * @param dataDir       where pushed piece data waits for the fleet's AddPiece
 * @param heartbeat     how often the miner's Session is checked and storage health reported (Lotus: 10 s)
 * @param tick          how often ended tasks are looked for and their Returns sent
 */
public record BridgeConfig(String name, String namespace, MinerApiInfo miner, String listenHost, int port, String advertiseHost,
                           String transferToken, Path dataDir, Duration heartbeat, Duration tick) {
}
