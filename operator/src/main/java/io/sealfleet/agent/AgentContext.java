package io.sealfleet.agent;

import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskSpec;
import io.sealfleet.table.FileType;
import io.sealfleet.table.SectorSize;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a {@link TaskRun} needs from its agent. */
interface AgentContext {
    String worker();

    Path stateDir();

    Path sealer();

    LocalStorage storage();

    TaskStatusUpdater tasks();

    String now();

    Map<String, String> kernelEnv(SectorTask task);

    int threads(SectorTask task);

    /**
     * The engine PreCommit2 runs on, {@code gpu} or {@code cpu}; the first time the GPU engine is due
     * the agent checks it against the CPU engine first (this call then takes a few seconds).
     */
    String pc2Engine(SectorTask task) throws InterruptedException;

    /** The open-files limit kernels are started with; null where the platform does not say. */
    OpenFilesLimit openFiles();

    /** The worker's prover adapter (spec.externalProver), or null without one. */
    io.sealfleet.agent.prover.Prover prover();

    /** Copies the files from the worker that holds them onto the target path. */
    void fetch(SectorTaskSpec spec, SectorName sector, SectorSize size, Set<FileType> types, LocalStorage.Entry target)
            throws TransferException, KernelException, IOException, InterruptedException;

    /** Blocks until the active pool takes the task (its preparing resources are then released). */
    void admitRunning(TaskRun run, SectorTask task) throws InterruptedException;

    boolean taskGone(SectorTask task);

    void finished(TaskRun run);

    void log(String line);

    /** A test hook: the attempt reached a named point ({@code fetching}, {@code result-marker-written}). */
    default void reached(String point, TaskRun run) {
    }
}
