/* sealer bench: kernel throughput next to the machine's single-core SHA-256
 * rate (OpenSSL EVP), counted in SHA-256 compressions so the ratio is honest
 * about the work each kernel must do. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "field/fr32.h"
#include "hash/sha256.h"
#include "piece/commp.h"
#include "porep/pc1.h"
#include "sdr/graph.h"
#include "sdr/labels.h"
#include "sdr/parent_cache.h"
#include "util/util.h"

#ifdef SEALER_HAVE_OPENSSL
#include <openssl/evp.h>
#endif

#define REF_BUF (16u << 20)
#define LIMIT_CPU_SECONDS 1.0
#define PC1_ROUNDS 2

static double thread_cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Process CPU seconds, user + system; *sys receives the system part. */
static double process_cpu_seconds(double *sys)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    *sys = ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
    return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 + *sys;
}

/* One measurement of the single-stream limit: OpenSSL EVP_sha256 over 16 MiB
 * buffers on this thread, until LIMIT_CPU_SECONDS of its CPU time. */
typedef struct {
    double bytes, seconds, cpu;
} limit_sample;

static uint8_t *limit_buffer(void)
{
    uint8_t *buf = xmalloc_aligned(REF_BUF);
    for (size_t i = 0; i < REF_BUF; i++)
        buf[i] = (uint8_t)(i * 131 + 7);
    return buf;
}

static int limit_measure(const uint8_t *buf, limit_sample *out)
{
#ifdef SEALER_HAVE_OPENSSL
    uint8_t md[32];
    unsigned mdlen;
    EVP_Digest(buf, REF_BUF, md, &mdlen, EVP_sha256(), NULL); /* warm up */
    double t0 = now_seconds(), c0 = thread_cpu_seconds(), c;
    double bytes = 0;
    do {
        if (!EVP_Digest(buf, REF_BUF, md, &mdlen, EVP_sha256(), NULL))
            die("bench: OpenSSL EVP_Digest failed");
        bytes += REF_BUF;
        c = thread_cpu_seconds() - c0;
    } while (c < LIMIT_CPU_SECONDS);
    *out = (limit_sample){bytes, now_seconds() - t0, c};
    return 1;
#else
    (void)buf;
    memset(out, 0, sizeof *out);
    return 0;
#endif
}

/* Single-stream limit in bytes per second, for the commP bench. */
static double openssl_rate(void)
{
    uint8_t *buf = limit_buffer();
    limit_sample l;
    int ok = limit_measure(buf, &l);
    free(buf);
    return ok ? l.bytes / l.cpu : 0;
}

/* CPU seconds all processes on the host spent busy so far (every CPU summed,
 * from /proc/stat), so the time others took during a run can be told apart. */
static double host_busy_seconds(void)
{
    FILE *f = fopen("/proc/stat", "r");
    if (!f)
        return -1;
    unsigned long long v[8] = {0};
    int n = fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3],
                   &v[4], &v[5], &v[6], &v[7]);
    fclose(f);
    if (n < 8)
        return -1;
    /* user nice system [idle iowait] irq softirq steal */
    unsigned long long busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
    long hz = sysconf(_SC_CLK_TCK);
    return (double)busy / (double)(hz > 0 ? hz : 100);
}

static void print_limit_source(void)
{
#ifdef SEALER_HAVE_OPENSSL
    printf(",\"limit\":{\"source\":\"OpenSSL EVP_sha256, one thread, 16 MiB buffers, "
           "counted in that thread's CPU time\"}");
#else
    printf(",\"limit\":null,\"limitNote\":\"built without OpenSSL libcrypto: the single-core "
           "SHA-256 limit cannot be reported\"");
#endif
}

static uint64_t xorshift(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

typedef struct {
    double seconds;    /* labeling wall time */
    double cpu;        /* process CPU seconds (user + system) during the run */
    double sys_cpu;    /* the system part: page faults, zeroing the layer buffers */
    double others_cpu; /* CPU seconds other processes used meanwhile (-1 unknown) */
    unsigned hashers, producers, lanes;
    int pinned;
    uint64_t buffer_bytes;
    const char *huge_pages;
    int64_t huge_page_bytes;
} run_result;

static run_result run_labels(uint64_t nodes, unsigned layers, const uint32_t *par, size_t nsec,
                             unsigned threads, int no_producer)
{
    uint8_t(*rids)[32] = xcalloc(nsec, 32);
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    for (size_t s = 0; s < nsec; s++) {
        for (int i = 0; i < 32; i++)
            rids[s][i] = (uint8_t)xorshift(&seed);
        rids[s][31] &= 0x3f;
    }
    labels_job j = {0};
    j.nodes = nodes;
    j.layers = layers;
    j.parents = par;
    j.nsectors = nsec;
    j.replica_ids = (const uint8_t(*)[32])rids;
    j.threads = threads;
    j.no_producer = no_producer;
    double s0, s1;
    double h0 = host_busy_seconds(), c0 = process_cpu_seconds(&s0);
    labels_run(&j);
    double cpu = process_cpu_seconds(&s1) - c0, h1 = host_busy_seconds();
    free(rids);
    run_result r = {j.seconds,     cpu,          s1 - s0,      -1,
                    j.hashers,     j.producers,  j.lanes,      j.pinned,
                    j.buffer_bytes, j.huge_pages, j.huge_page_bytes};
    if (h0 >= 0 && h1 >= 0) {
        r.others_cpu = (h1 - h0) - cpu;
        if (r.others_cpu < 0)
            r.others_cpu = 0;
    }
    return r;
}

int bench_pc1(int argc, char **argv)
{
    static const char *valued[] = {"sector-size", "api", "proof", "sectors", "threads",
                                   "layers", "parent-cache", NULL};
    static const char *bools[] = {"no-producer", NULL};
    args a;
    args_parse(&a, "bench pc1", argc, argv, valued, bools, NULL);
    /* The bench owns its CPUs for the run: pin unless told otherwise. */
    setenv("SEALER_PIN_THREADS", "1", 0);
    const seal_proof *p = proof_from_args(&a);
    unsigned threads = threads_from_args(&a);
    uint64_t nsec = args_u64(&a, "sectors", threads);
    uint64_t layers = args_u64(&a, "layers", p->layers);
    if (nsec < 1 || nsec > 256)
        die("bench pc1: --sectors must be between 1 and 256");
    if (layers < 1 || layers > p->layers)
        die("bench pc1: --layers must be between 1 and %u", p->layers);
    uint64_t N = p->sector_size / 32;
    uint64_t mem = labels_memory_needed(N, nsec);
    uint64_t avail = mem_available();
    if (avail && mem > avail)
        die("bench pc1: %llu %s sectors need %llu bytes of RAM for two layers each, %llu "
            "available",
            (unsigned long long)nsec, sector_size_name(p->sector_size), (unsigned long long)mem,
            (unsigned long long)avail);
    char *pdir = parent_dir_from_args(&a);
    uint8_t porep[32];
    porep_id_of(p->id, porep);
    sdr_graph g;
    graph_init(&g, N, porep, p->api);
    parent_cache pc;
    parent_cache_open(&pc, &g, pdir, threads);
    int nop = args_has(&a, "no-producer");
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    double load_before = load_average_1m();

    /* Limit and kernel alternate, so drifts in the host's load or clock
     * affect both sides of the ratio alike. */
    uint8_t *buf = limit_buffer();
    limit_sample lim[PC1_ROUNDS];
    run_result run[PC1_ROUNDS];
    int have_limit = 1;
    for (int r = 0; r < PC1_ROUNDS; r++) {
        progress("bench pc1: round %d: OpenSSL single-stream limit", r + 1);
        have_limit &= limit_measure(buf, &lim[r]);
        progress("bench pc1: round %d: %llu sector(s), %u thread(s)", r + 1,
                 (unsigned long long)nsec, threads);
        run[r] = run_labels(N, (unsigned)layers, pc.parents, nsec, threads, nop);
    }
    free(buf);
    double load_after = load_average_1m();

    const double comps_per_run = (double)label_compressions(N) * (double)layers * (double)nsec;
    const double labels_per_run = (double)N * (double)layers * (double)nsec;
    printf("{\"kernel\":\"pc1\",\"registeredProof\":\"%s\",\"sectorSize\":%llu,\"nodes\":%llu,"
           "\"layers\":%llu,\"sectors\":%llu,\"threads\":%u,\"shaImpl\":\"%s\","
           "\"hashers\":%u,\"producers\":%u,\"lanes\":%u,\"pinned\":%s,"
           "\"compressionsPerLabel\":20,\"bytesHashedPerLabel\":1280",
           p->name, (unsigned long long)p->sector_size, (unsigned long long)N,
           (unsigned long long)layers, (unsigned long long)nsec, threads, sha256_active()->name,
           run[0].hashers, run[0].producers, run[0].lanes, run[0].pinned ? "true" : "false");
    printf(",\"host\":{\"cpus\":%ld,\"loadAverage1mBefore\":%.2f,\"loadAverage1mAfter\":%.2f}",
           ncpu, load_before, load_after);
    /* Huge-page cover of the layer buffers, the least of the rounds: the
     * random parent reads depend on it. */
    int64_t huge = run[0].huge_page_bytes;
    for (int r = 1; r < PC1_ROUNDS; r++)
        if (run[r].huge_page_bytes < huge)
            huge = run[r].huge_page_bytes;
    printf(",\"layerBuffers\":{\"bytes\":%llu,\"pages\":\"%s\"",
           (unsigned long long)run[0].buffer_bytes, run[0].huge_pages);
    if (huge >= 0)
        printf(",\"hugePageBytes\":%lld,\"hugePageCover\":%.3f}", (long long)huge,
               (double)huge / (double)run[0].buffer_bytes);
    else
        printf(",\"hugePageBytes\":null,\"hugePageCover\":null}");
    print_limit_source();
    double lb = 0, lc = 0, lw = 0, kc = 0, kw = 0;
    int fewer = 0, busy = 0;
    printf(",\"rounds\":[");
    for (int r = 0; r < PC1_ROUNDS; r++) {
        const run_result *k = &run[r];
        double cores = k->cpu / k->seconds;
        /* Hashing threads never wait by design; fewer cores than hashers means
         * the host did not give this process what it asked for. */
        if (cores < 0.85 * k->hashers)
            fewer = 1;
        /* Other processes took more than a quarter of the machine meanwhile. */
        if (k->others_cpu > 0.25 * (double)ncpu * k->seconds)
            busy = 1;
        printf("%s{", r ? "," : "");
        if (have_limit) {
            printf("\"limit\":{\"seconds\":%.3f,\"cpuSeconds\":%.3f,"
                   "\"compressionsPerCpuSecond\":%.0f,\"compressionsPerSecond\":%.0f},",
                   lim[r].seconds, lim[r].cpu, lim[r].bytes / 64 / lim[r].cpu,
                   lim[r].bytes / 64 / lim[r].seconds);
            lb += lim[r].bytes;
            lc += lim[r].cpu;
            lw += lim[r].seconds;
        }
        printf("\"kernel\":{\"seconds\":%.3f,\"cpuSeconds\":%.3f,\"systemCpuSeconds\":%.3f,"
               "\"coresObtained\":%.2f,"
               "\"otherProcessesCpuSeconds\":%.2f,\"labelsPerSecond\":%.0f,"
               "\"compressionsPerSecond\":%.0f,\"compressionsPerCpuSecond\":%.0f}",
               k->seconds, k->cpu, k->sys_cpu, cores, k->others_cpu, labels_per_run / k->seconds,
               comps_per_run / k->seconds, comps_per_run / k->cpu);
        if (have_limit)
            printf(",\"ratioPerCpuSecond\":%.3f",
                   comps_per_run / k->cpu / (lim[r].bytes / 64 / lim[r].cpu));
        putchar('}');
        kc += k->cpu;
        kw += k->seconds;
    }
    printf("]");
    double kernel_rate = comps_per_run * PC1_ROUNDS / kc;
    printf(",\"kernelCompressionsPerCpuSecond\":%.0f,\"kernelCompressionsPerSecond\":%.0f",
           kernel_rate, comps_per_run * PC1_ROUNDS / kw);
    if (have_limit) {
        double limit_rate = lb / 64 / lc;
        printf(",\"limitCompressionsPerCpuSecond\":%.0f,\"ratioPerCpuSecond\":%.3f"
               ",\"ratioPerWallSecond\":%.3f",
               limit_rate, kernel_rate / limit_rate,
               comps_per_run * PC1_ROUNDS / kw / (lb / 64 / lw));
    }
    printf(",\"flags\":[");
    int nf = 0;
    if (fewer)
        printf("%s\"fewer cores than hashing threads: the process got less CPU than it asked "
               "for\"",
               nf++ ? "," : "");
    if (busy)
        printf("%s\"busy host: other processes used more than a quarter of the CPUs during a "
               "run\"",
               nf++ ? "," : "");
    if (load_before > 0.5 * (double)ncpu)
        printf("%s\"high load before the run: 1-minute load average %.2f on %ld CPUs\"",
               nf++ ? "," : "", load_before, ncpu);
    printf("]}\n");
    parent_cache_close(&pc);
    free(pdir);
    args_free(&a);
    return 0;
}

int bench_commp(int argc, char **argv)
{
    static const char *valued[] = {"sector-size", "size", NULL};
    args a;
    args_parse(&a, "bench commp", argc, argv, valued, NULL, NULL);
    uint64_t payload;
    if (args_has(&a, "size")) {
        payload = parse_u64_or_die("size", args_get(&a, "size"));
    } else {
        payload = fr32_unpadded_of(sector_size_from_args(&a));
    }
    if (payload < COMMP_MIN_PAYLOAD)
        die("bench commp: the payload must be at least %d bytes", COMMP_MIN_PAYLOAD);
    if (payload > (8ULL << 30))
        die("bench commp: payloads above 8 GiB are not benchmarked in memory");
    uint8_t *buf = xmalloc_aligned(payload);
    uint64_t seed = 0x2545f4914f6cdd1dULL;
    for (uint64_t i = 0; i + 8 <= payload; i += 8) {
        uint64_t x = xorshift(&seed);
        memcpy(buf + i, &x, 8);
    }
    progress("bench commp: OpenSSL reference");
    double ref = openssl_rate();
    progress("bench commp: %llu-byte payload", (unsigned long long)payload);
    uint8_t comm[32];
    uint64_t padded;
    /* Repeat small payloads until at least a second of work is timed. */
    unsigned reps = 0;
    double t0 = now_seconds(), c0 = thread_cpu_seconds(), t, cpu;
    do {
        if (commp_buffer(buf, payload, comm, &padded) != 0)
            die("bench commp: commP failed");
        reps++;
        t = now_seconds() - t0;
    } while (t < 1.0);
    cpu = (thread_cpu_seconds() - c0) / reps;
    t /= reps;
    /* Every internal node of the piece tree over real data costs two
     * compressions (data block + padding block); zero subtrees are free. */
    uint64_t leaves = (payload + 126) / 127 * 4;
    double comps = 2.0 * (double)(leaves - 1);
    char h[65];
    hex_encode(comm, 32, h);
    printf("{\"kernel\":\"commp\",\"payloadSize\":%llu,\"pieceSize\":%llu,\"commPHex\":\"%s\","
           "\"shaImpl\":\"%s\",\"seconds\":%.3f,\"payloadBytesPerSecond\":%.0f,"
           "\"compressionsPerSecond\":%.0f,\"bytesHashedPerSecond\":%.0f,\"repetitions\":%u,"
           "\"cpuSeconds\":%.3f,\"compressionsPerCpuSecond\":%.0f",
           (unsigned long long)payload, (unsigned long long)padded, h, sha256_active()->name, t,
           (double)payload / t, comps / t, comps * 64 / t, reps, cpu, comps / cpu);
    printf(",\"loadAverage1m\":%.2f", load_average_1m());
    print_limit_source();
    if (ref > 0)
        printf(",\"limitCompressionsPerCpuSecond\":%.0f,\"ratioPerCpuSecond\":%.3f", ref / 64,
               comps * 64 / cpu / ref);
    printf("}\n");
    free(buf);
    args_free(&a);
    return 0;
}
