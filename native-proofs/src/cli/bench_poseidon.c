/* sealer bench poseidon | bench pc2: Fr multiplication and Poseidon rates,
 * PC2 wall time and its scaling from one to two (or --threads) cores. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/args.h"
#include "cli/bench_data.h"
#include "cli/commands.h"
#include "field/fr.h"
#include "gpu/gpu.h"
#include "hash/poseidon.h"
#include "porep/pc2.h"
#include "util/util.h"

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* ns per multiplication: 8 independent chains (throughput), best of runs */
static void mul_rate(double *ns_tput, double *ns_lat, double *cpu_ns)
{
    fr_t a[8], b;
    for (int i = 0; i < 8; i++)
        fr_from_u64(&a[i], 3 + i);
    fr_from_u64(&b, 0x1234567);
    const int N = 2000000;
    double best = 1e9, bestc = 1e9, bestl = 1e9;
    for (int r = 0; r < 5; r++) {
        double t0 = now_seconds(), c0 = cpu_now();
        for (int i = 0; i < N; i++)
            for (int k = 0; k < 8; k++)
                fr_mul(&a[k], &a[k], &b);
        double t = (now_seconds() - t0) * 1e9 / (8.0 * N), c = (cpu_now() - c0) * 1e9 / (8.0 * N);
        if (t < best)
            best = t;
        if (c < bestc)
            bestc = c;
        t0 = now_seconds();
        for (int i = 0; i < N; i++)
            fr_mul(&b, &b, &a[i & 7]);
        t = (now_seconds() - t0) * 1e9 / N;
        if (t < bestl)
            bestl = t;
    }
    /* keep the results alive */
    if (a[0].l[0] == 42 && b.l[0] == 42)
        fputc(' ', stderr);
    *ns_tput = best;
    *ns_lat = bestl;
    *cpu_ns = bestc;
}

static double hash_us(unsigned arity, double *cpu_us)
{
    const poseidon_params *p = poseidon_params_get(arity);
    fr_t in[POSEIDON_MAX_ARITY], h;
    for (unsigned k = 0; k < arity; k++)
        fr_from_u64(&in[k], k);
    int M = arity == 2 ? 20000 : 5000;
    double best = 1e9, bestc = 1e9;
    for (int r = 0; r < 5; r++) {
        double t0 = now_seconds(), c0 = cpu_now();
        for (int i = 0; i < M; i++) {
            poseidon_hash(p, in, &h);
            in[0] = h;
        }
        double t = (now_seconds() - t0) * 1e6 / M, c = (cpu_now() - c0) * 1e6 / M;
        if (t < best)
            best = t;
        if (c < bestc)
            bestc = c;
    }
    *cpu_us = bestc;
    return best;
}

int bench_poseidon(int argc, char **argv)
{
    static const char *valued[] = {NULL};
    args a;
    args_parse(&a, "bench poseidon", argc, argv, valued, NULL, NULL);
    double l0 = load_average_1m();
    double mt, ml, mc;
    mul_rate(&mt, &ml, &mc);
    printf("{\"kernel\":\"poseidon\",\"frBackend\":\"%s\",\"loadAverageAtStart\":%.2f", fr_backend(), l0);
    printf(",\"fieldMul\":{\"nsThroughput\":%.2f,\"nsLatency\":%.2f,\"nsThreadCpu\":%.2f}", mt, ml, mc);
    printf(",\"hashes\":[");
    static const unsigned A[] = {2, 8, 11};
    double us8 = 0, us11 = 0;
    for (int i = 0; i < 3; i++) {
        double cu, us = hash_us(A[i], &cu);
        const poseidon_params *p = poseidon_params_get(A[i]);
        uint64_t mults = poseidon_mults_per_hash(p);
        if (A[i] == 8)
            us8 = us;
        if (A[i] == 11)
            us11 = us;
        printf("%s{\"arity\":%u,\"usPerHash\":%.2f,\"usPerHashThreadCpu\":%.2f,\"hashesPerSecond\":%.0f,"
               "\"fieldMulsPerHash\":%llu,\"usOfThoseMuls\":%.2f,\"ratioHashToMuls\":%.3f}",
               i ? "," : "", A[i], us, cu, 1e6 / us, (unsigned long long)mults, mults * mt / 1000.0,
               us / (mults * mt / 1000.0));
    }
    printf("]");
    /* 32 GiB PC2 work: 2^30 P11 + 2*(8*19173961+1) P8 (spec 7.1) */
    double p8 = 2.0 * (8 * 19173961.0 + 1), p11 = 1073741824.0;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    double cpu_core_s = p11 * us11 * 1e-6 + p8 * us8 * 1e-6;
    printf(",\"projected32GiBPc2\":{\"coreSeconds\":%.0f,\"secondsOnThisMachine\":%.0f,\"cores\":%ld}",
           cpu_core_s, cpu_core_s / (ncpu > 0 ? ncpu : 1), ncpu);
    uint8_t last[32];
    double gs = gpu_bench_p8(1 << 22, last);
    if (gs > 0) {
        double rate = (1 << 22) / gs;
        double m8 = (double)poseidon_mults_per_hash(poseidon_params_get(8));
        double m11 = (double)poseidon_mults_per_hash(poseidon_params_get(11));
        printf(",\"gpu\":{\"device\":");
        json_str(stdout, gpu_describe());
        printf(",\"arity8HashesPerSecond\":%.0f,\"projected32GiBPc2Seconds\":%.1f,\"projectionNote\":"
               "\"hash work only; arity-11 cost scaled by field multiplications; I/O excluded\"}",
               rate, (p8 + p11 * m11 / m8) / rate);
    } else {
        printf(",\"gpu\":null,\"gpuNote\":");
        json_str(stdout, gpu_describe());
    }
    printf(",\"loadAverageAtEnd\":%.2f}\n", load_average_1m());
    args_free(&a);
    return 0;
}

/* ---- bench pc2 ---------------------------------------------------------- */

/* The stream salt this bench has always written its files with. */
#define PC2_SALT 1

int bench_pc2(int argc, char **argv)
{
    static const char *valued[] = {"sector-size", "api", "proof", "threads", "dir", "engine", NULL};
    args a;
    args_parse(&a, "bench pc2", argc, argv, valued, NULL, NULL);
    const seal_proof *p = proof_from_args(&a);
    if (p->sector_size > (512ULL << 20))
        die("bench pc2: use 2KiB, 8MiB or 512MiB (the bench writes synthetic layers)");
    unsigned maxt = threads_from_args(&a);
    /* The bench measures the CPU unless told otherwise. */
    pc2_engine eng = args_has(&a, "engine") ? engine_from_args(&a) : ENGINE_CPU;
    bench_dir scratch;
    bench_dir_open(&scratch, args_get(&a, "dir"), "pc2");
    const char *dir = scratch.path;
    ensure_writable_dir(dir, "bench directory");
    char *cache = path_join(dir, "cache"), *unsealed = path_join(dir, "unsealed"),
         *sealed = path_join(dir, "sealed");
    ensure_writable_dir(cache, "bench cache");
    progress("bench pc2: writing synthetic layers in %s", dir);
    bench_write_layers(cache, p, PC2_SALT);
    bench_write_field_file(unsealed, p->sector_size, 99, PC2_SALT);
    double l0 = load_average_1m();
    printf("{\"kernel\":\"pc2\",\"registeredProof\":\"%s\",\"frBackend\":\"%s\",\"loadAverageAtStart\":%.2f,\"runs\":[",
           p->name, fr_backend(), l0);
    double t1 = 0, c1s = 0;
    uint8_t first_r[32];
    unsigned idx = 0;
    for (unsigned t = 1; t <= maxt; t *= 2) {
        pc2_job j;
        memset(&j, 0, sizeof j);
        j.proof = p;
        j.cache = cache;
        j.unsealed = unsealed;
        j.sealed = sealed;
        j.threads = t;
        j.engine = eng;
        pc2_validate(&j);
        struct timespec pc0, pc1;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &pc0);
        pc2_run(&j);
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &pc1);
        double cpu_s = (pc1.tv_sec - pc0.tv_sec) + (pc1.tv_nsec - pc0.tv_nsec) * 1e-9;
        if (t == 1) {
            t1 = j.seconds;
            c1s = j.compute_seconds;
            memcpy(first_r, j.comm_r, 32);
        } else if (memcmp(first_r, j.comm_r, 32) != 0) {
            die("bench pc2: comm_r differs between 1 and %u threads", t);
        }
        printf("%s{\"threads\":%u,\"engine\":\"%s\",\"seconds\":%.3f,\"speedup\":%.2f,"
               "\"computeSeconds\":%.3f,\"computeSpeedup\":%.2f,\"cpuSeconds\":%.3f,"
               "\"coresObtained\":%.2f}",
               idx++ ? "," : "", t, j.engine_used, j.seconds, t1 / j.seconds, j.compute_seconds,
               c1s / j.compute_seconds, cpu_s, cpu_s / j.seconds);
        if (t * 2 > maxt && t != maxt)
            t = maxt / 2;
    }
    printf("],\"loadAverageAtEnd\":%.2f}\n", load_average_1m());
    bench_dir_close(&scratch, "pc2");
    free(cache);
    free(unsealed);
    free(sealed);
    args_free(&a);
    return 0;
}
