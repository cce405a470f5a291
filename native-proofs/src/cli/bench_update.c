/* sealer bench update: PreCommit2 and update-encode (then update-decode) of
 * one sector size on the same machine in one run, wall and CPU time, and
 * their ratio. The sector key comes from PC2 over synthetic layers (PC2
 * does not check labels, so its work is the real work). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/args.h"
#include "cli/bench_data.h"
#include "cli/commands.h"
#include "porep/pc2.h"
#include "update/update.h"
#include "util/util.h"

/* The stream salt this bench has always written its files with. */
#define UPDATE_SALT 7

static double proc_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* A job of the given mode over the sector key the bench's PC2 wrote. */
static update_job keyed_job(upd_mode mode, const seal_proof *p, unsigned threads, const char *key,
                            const char *key_cache)
{
    update_job j;
    memset(&j, 0, sizeof j);
    j.mode = mode;
    j.sector_size = p->sector_size;
    j.threads = threads;
    j.key = key;
    j.key_cache = key_cache;
    return j;
}

int bench_update(int argc, char **argv)
{
    static const char *valued[] = {"sector-size", "threads", "dir", NULL};
    args a;
    args_parse(&a, "bench update", argc, argv, valued, NULL, NULL);
    const seal_proof *p = proof_from_args(&a);
    if (p->sector_size > (512ULL << 20))
        die("bench update: use 2KiB, 8MiB or 512MiB (the bench writes synthetic layers)");
    unsigned threads = threads_from_args(&a);
    bench_dir scratch;
    bench_dir_open(&scratch, args_get(&a, "dir"), "update");
    const char *dir = scratch.path;
    ensure_writable_dir(dir, "bench directory");
    char *cache = path_join(dir, "cache"), *cc = path_join(dir, "cc.unsealed"),
         *sealed = path_join(dir, "sealed"), *data = path_join(dir, "data.unsealed"),
         *upd = path_join(dir, "update"), *ucache = path_join(dir, "update-cache"),
         *dec = path_join(dir, "decoded");
    ensure_writable_dir(cache, "bench cache");
    ensure_writable_dir(ucache, "bench update cache");
    progress("bench update: writing synthetic layers and data in %s", dir);
    bench_write_layers(cache, p, UPDATE_SALT);
    {
        atomic_file af; /* CC: zeros */
        af_open(&af, cc);
        af_truncate(&af, p->sector_size);
        af_commit(&af);
    }
    bench_write_field_file(data, p->sector_size, 1000, UPDATE_SALT);
    double load0 = load_average_1m();

    pc2_job pj;
    memset(&pj, 0, sizeof pj);
    pj.proof = p;
    pj.cache = cache;
    pj.unsealed = cc;
    pj.sealed = sealed;
    pj.threads = threads;
    pj.engine = ENGINE_CPU;
    pc2_validate(&pj);
    double c0 = proc_cpu();
    pc2_run(&pj);
    double pc2_cpu = proc_cpu() - c0;

    update_job ej = keyed_job(UPD_ENCODE, p, threads, sealed, cache);
    ej.data = data;
    ej.out = upd;
    ej.out_cache = ucache;
    c0 = proc_cpu();
    update_run(&ej);
    double enc_cpu = proc_cpu() - c0;

    update_job dj = keyed_job(UPD_DECODE, p, threads, sealed, cache);
    dj.replica = upd;
    dj.has_comm_d = 1;
    memcpy(dj.comm_d_new, ej.comm_d_new, 32);
    dj.out = dec;
    c0 = proc_cpu();
    update_run(&dj);
    double dec_cpu = proc_cpu() - c0;

    printf("{\"kernel\":\"update\",\"sectorSize\":%llu,\"threads\":%u,\"loadAverageAtStart\":%.2f,"
           "\"pc2\":{\"seconds\":%.3f,\"cpuSeconds\":%.3f},"
           "\"updateEncode\":{\"seconds\":%.3f,\"treeDSeconds\":%.3f,\"cpuSeconds\":%.3f},"
           "\"updateDecode\":{\"seconds\":%.3f,\"cpuSeconds\":%.3f},"
           "\"encodeOverPc2Wall\":%.3f,\"encodeOverPc2Cpu\":%.3f,\"loadAverageAtEnd\":%.2f}\n",
           (unsigned long long)p->sector_size, threads, load0, pj.seconds, pc2_cpu, ej.seconds,
           ej.tree_d_seconds, enc_cpu, dj.seconds, dec_cpu, ej.seconds / pj.seconds,
           enc_cpu / pc2_cpu, load_average_1m());
    bench_dir_close(&scratch, "update");
    free(cache);
    free(cc);
    free(sealed);
    free(data);
    free(upd);
    free(ucache);
    free(dec);
    args_free(&a);
    return 0;
}
