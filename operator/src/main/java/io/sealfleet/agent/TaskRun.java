package io.sealfleet.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealfleet.api.AttemptFailure;
import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskSpec;
import io.sealfleet.api.TaskOutputs;
import io.sealfleet.api.AttemptReport;
import io.sealfleet.api.AttemptStage;
import io.sealfleet.table.FileType;
import io.sealfleet.table.SectorSize;
import io.sealfleet.table.TaskFiles;
import io.sealfleet.table.TaskType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One attempt of one task on this worker, reported in {@code status.report}: Preparing (reserve
 * space, fetch inputs) → Running (the kernel) → Succeeded or Failed; the operator turns the report
 * into the task's phase. Before the success is reported a result marker is written, so an
 * agent restarted between the kernel's end and the status write reports the finished work instead
 * of running it again; without a marker, the attempt's work directory is removed and the task runs
 * again. Nothing is written once the task is bound elsewhere.
 */
final class TaskRun implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})%");

    private final AgentContext ctx;
    private final SectorTask task;
    private final int attempt;
    private final String id;
    private final ChildProcess child;
    private volatile boolean stopped;
    private volatile boolean crashed;
    private final AtomicLong lastProgress = new AtomicLong();

    TaskRun(AgentContext ctx, SectorTask task) {
        this.ctx = ctx;
        this.task = task;
        this.attempt = task.getStatus().attempt;
        this.id = task.getMetadata().getNamespace() + "/" + task.getMetadata().getName();
        this.child = new ChildProcess(ctx.openFiles());
    }

    SectorName sector() {
        return SectorName.of(task.getSpec().miner, task.getSpec().sector);
    }

    String id() {
        return id;
    }

    int attempt() {
        return attempt;
    }

    /** Stops the attempt: the task was bound elsewhere or the agent shuts down. */
    void stop() {
        stopped = true;
        child.kill();
    }

    /** Stops the attempt as a crash of the agent would: the child is killed, nothing is reported or cleaned up. */
    void crash() {
        crashed = true;
        stop();
    }

    @Override
    public void run() {
        SectorTaskSpec spec = task.getSpec();
        SectorName sector = SectorName.of(spec.miner, spec.sector);
        String key = task.getMetadata().getNamespace() + "_" + task.getMetadata().getName() + "_a" + attempt;
        Path marker = ctx.stateDir().resolve("results").resolve(key + ".json");
        LocalStorage.Entry target = null;
        Path work = null;
        try {
            if (Files.isRegularFile(marker)) {
                TaskOutputs done = JSON.readValue(marker.toFile(), TaskOutputs.class);
                succeed(done, marker);
                // The crashed run finished its work but never cleaned up: drop its reservation and work directory.
                for (LocalStorage.Entry e : ctx.storage().entries()) {
                    e.space().release(id);
                    Kernels.deleteTree(e.files().root().resolve(".sealfleet").resolve("work").resolve(key));
                }
                Kernels.deleteTree(ctx.stateDir().resolve("work").resolve(key));
                return;
            }
            if (!update(r -> {
                r.stage = AttemptStage.Preparing;
                r.startTime = r.startTime == null ? ctx.now() : r.startTime;
                r.progress = r.progress == null ? 0 : r.progress;
            })) {
                return;
            }
            SectorSize size = SectorSize.parse(spec.sectorSize);
            Set<FileType> needs = TaskFiles.of(spec.type).inputs(spec.hasDeals());
            LocalStorage.Entry holder = needs.isEmpty() ? null : ctx.storage().holding(sector, needs);
            boolean copy = !needs.isEmpty() && holder == null;
            target = chooseTarget(spec, size, holder, copy);
            work = (target == null ? ctx.stateDir() : target.files().root().resolve(".sealfleet")).resolve("work").resolve(key);
            Kernels.deleteTree(work);
            Files.createDirectories(work);
            if (target != null) {
                long bytes = reservation(spec, size, copy);
                String shortfall = target.space().reserve(id, bytes, outputsOf(spec, sector, target));
                if (shortfall != null) {
                    throw new KernelException(AttemptFailure.InsufficientStorage, shortfall);
                }
            }
            Map<FileType, Path> inputs = new EnumMap<>(FileType.class);
            if (copy) {
                ctx.reached("fetching", this);
                ctx.fetch(spec, sector, size, needs, target);
                holder = target;
            }
            for (FileType t : needs) {
                inputs.put(t, holder.files().path(t, sector));
            }
            ctx.admitRunning(this, task);
            if (!update(r -> {
                r.stage = AttemptStage.Running;
                r.progress = 10;
            })) {
                return;
            }
            String engine = ctx.pc2Engine(task); // first, so the thread count follows the engine the check leaves
            Kernels.Job job = new Kernels.Job(spec, sector, spec.sectorSize, target, work, inputs, ctx.sealer(),
                    ctx.kernelEnv(task), ctx.threads(task), engine, ctx.prover(), child, this::progress);
            TaskOutputs outputs = Kernels.run(job);
            AtomicFiles.write(marker, JSON.writeValueAsBytes(outputs));
            ctx.reached("result-marker-written", this);
            succeed(outputs, marker);
        } catch (KernelException e) {
            fail(e.reason(), e.getMessage());
        } catch (TransferException e) {
            fail(AttemptFailure.FetchFailed, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            fail(AttemptFailure.AgentError, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            if (!crashed) { // a crashed agent leaves everything as it is; its successor cleans up
                cleanUp(target, work);
            }
        }
    }

    private void cleanUp(LocalStorage.Entry target, Path work) {
        try {
            if (target != null) {
                target.space().release(id);
            }
            if (work != null) {
                Kernels.deleteTree(work);
            }
        } catch (IOException e) {
            ctx.log("cannot clean up after " + id + ": " + e.getMessage());
        }
        ctx.finished(this);
    }

    private LocalStorage.Entry chooseTarget(SectorTaskSpec spec, SectorSize size, LocalStorage.Entry holder, boolean copy)
            throws IOException, KernelException {
        if (TaskFiles.of(spec.type).movesToStore()) {
            LocalStorage.Entry store = ctx.storage().best(true, reservation(spec, size, false));
            if (store == null) {
                throw new KernelException(AttemptFailure.InsufficientStorage, "no long-term (canStore) path on this worker has room for the sector");
            }
            return store;
        }
        if (spec.type == TaskType.Commit2 && ctx.storage().entries().isEmpty()) {
            return null;
        }
        if (holder != null && !copy) {
            return holder;
        }
        String bound = task.getStatus().path;
        LocalStorage.Entry e = bound == null ? null : ctx.storage().byId(bound);
        if (e != null && e.canSeal()) {
            return e;
        }
        e = ctx.storage().best(false, reservation(spec, size, copy));
        if (e == null) {
            throw new KernelException(AttemptFailure.InsufficientStorage, "no sealing (canSeal) path on this worker has "
                    + io.sealfleet.table.Bytes.format(reservation(spec, size, copy)) + " free");
        }
        return e;
    }

    /** Bytes to reserve: the task's own allocation, the copy of its inputs, or the finalized sector. */
    static long reservation(SectorTaskSpec spec, SectorSize size, boolean copy) {
        TaskFiles files = TaskFiles.of(spec.type);
        if (files.movesToStore()) {
            return files.finalizedBytes(size, spec.hasDeals());
        }
        return files.allocationBytes(size) + (copy ? files.copyBytes(size, spec.hasDeals()) : 0);
    }

    private static List<Path> outputsOf(SectorTaskSpec spec, SectorName sector, LocalStorage.Entry target) {
        List<Path> out = new ArrayList<>();
        for (FileType t : FileType.values()) {
            out.add(target.files().path(t, sector));
        }
        return out;
    }

    private void progress(String line) {
        Matcher m = PERCENT.matcher(line);
        long now = System.nanoTime();
        if (m.find() && now - lastProgress.get() > 5_000_000_000L) {
            lastProgress.set(now);
            int pct = Math.min(99, 10 + Integer.parseInt(m.group(1)) * 89 / 100);
            update(r -> r.progress = pct);
        }
    }

    private void succeed(TaskOutputs outputs, Path marker) throws IOException {
        boolean written = update(r -> {
            r.stage = AttemptStage.Succeeded;
            r.outputs = outputs;
            r.progress = 100;
            r.finishTime = ctx.now();
        });
        if (written || ctx.taskGone(task)) {
            Files.deleteIfExists(marker);
        }
    }

    private void fail(AttemptFailure reason, String message) {
        if (stopped) {
            return;
        }
        ctx.log(id + " attempt " + attempt + " failed: " + reason + ": " + message);
        update(r -> {
            r.stage = AttemptStage.Failed;
            r.reason = reason.name();
            r.message = message;
            r.finishTime = ctx.now();
        });
    }

    private boolean update(java.util.function.Consumer<AttemptReport> change) {
        if (stopped) {
            return false;
        }
        return ctx.tasks().update(task.getMetadata().getNamespace(), task.getMetadata().getName(), ctx.worker(), attempt, change);
    }

    static String now(Clock clock) {
        return java.time.format.DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
