/* sealer bench: kernel throughput next to the machine's single-core SHA-256
 * rate (OpenSSL EVP), counted in SHA-256 compressions so the ratio is honest
 * about the work each kernel must do. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

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

/* Bytes per second of one-shot SHA-256 over 16 MiB buffers on this thread. */
static double openssl_rate(void)
{
#ifdef SEALER_HAVE_OPENSSL
    uint8_t *buf = xmalloc_aligned(REF_BUF);
    for (size_t i = 0; i < REF_BUF; i++)
        buf[i] = (uint8_t)(i * 131 + 7);
    uint8_t md[32];
    unsigned mdlen;
    EVP_Digest(buf, REF_BUF, md, &mdlen, EVP_sha256(), NULL); /* warm up */
    double t0 = now_seconds(), t;
    uint64_t bytes = 0;
    do {
        if (!EVP_Digest(buf, REF_BUF, md, &mdlen, EVP_sha256(), NULL))
            die("bench: OpenSSL EVP_Digest failed");
        bytes += REF_BUF;
        t = now_seconds() - t0;
    } while (t < 2.0);
    free(buf);
    return (double)bytes / t;
#else
    return 0;
#endif
}

#ifdef SEALER_HAVE_OPENSSL
#include <pthread.h>
static void *openssl_thread(void *arg)
{
    *(double *)arg = openssl_rate();
    return NULL;
}
#endif

/* Aggregate OpenSSL rate of two threads at once: shows whether two cores are
 * really available right now (a shared or oversubscribed host halves it). */
static double openssl_rate_2threads(void)
{
#ifdef SEALER_HAVE_OPENSSL
    double r[2] = {0, 0};
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        if (pthread_create(&t[i], NULL, openssl_thread, &r[i]) != 0)
            return 0;
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return r[0] + r[1];
#else
    return 0;
#endif
}

static double own_rate(void)
{
    uint8_t *buf = xmalloc_aligned(REF_BUF);
    for (size_t i = 0; i < REF_BUF; i++)
        buf[i] = (uint8_t)(i * 131 + 7);
    uint8_t md[32];
    double t0 = now_seconds(), t;
    uint64_t bytes = 0;
    do {
        sha256(buf, REF_BUF, md);
        bytes += REF_BUF;
        t = now_seconds() - t0;
    } while (t < 1.0);
    free(buf);
    return (double)bytes / t;
}

static void print_limit(double ref, double ref2)
{
    if (ref > 0)
        printf(",\"limit\":{\"source\":\"OpenSSL EVP_sha256, one thread, 16 MiB buffers\","
               "\"bytesPerSecond\":%.0f,\"compressionsPerSecond\":%.0f,"
               "\"twoThreadsBytesPerSecond\":%.0f,\"twoThreadScaling\":%.3f}",
               ref, ref / 64, ref2, ref2 / ref);
    else
        printf(",\"limit\":null,\"limitNote\":\"built without OpenSSL libcrypto: the single-core "
               "SHA-256 limit cannot be reported\"");
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
    double seconds;
    double cpu; /* process CPU seconds (user + system) during the run */
    unsigned hashers, producers;
} run_result;

static double cpu_seconds(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 + ru.ru_stime.tv_sec +
           ru.ru_stime.tv_usec * 1e-6;
}

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
    double c0 = cpu_seconds();
    labels_run(&j);
    double cpu = cpu_seconds() - c0;
    free(rids);
    return (run_result){j.seconds, cpu, j.hashers, j.producers};
}

static void print_run(const char *name, run_result r, size_t nsec, unsigned threads,
                      uint64_t nodes, unsigned layers, double ref)
{
    double labels = (double)nodes * layers * (double)nsec;
    double comps = (double)label_compressions(nodes) * layers * (double)nsec;
    /* coresObtained = CPU time / wall time: below the thread count when the
     * host gave this process less than it asked for (shared machine). */
    printf(",\"%s\":{\"sectors\":%zu,\"threads\":%u,\"hashers\":%u,\"producers\":%u,"
           "\"seconds\":%.3f,\"cpuSeconds\":%.3f,\"coresObtained\":%.2f,"
           "\"labelsPerSecond\":%.0f,\"compressionsPerSecond\":%.0f,"
           "\"bytesHashedPerSecond\":%.0f",
           name, nsec, threads, r.hashers, r.producers, r.seconds, r.cpu, r.cpu / r.seconds,
           labels / r.seconds, comps / r.seconds, comps * 64 / r.seconds);
    if (ref > 0)
        printf(",\"ratioToLimit\":%.3f", comps * 64 / r.seconds / ref);
    putchar('}');
}

int bench_pc1(int argc, char **argv)
{
    static const char *valued[] = {"sector-size", "api", "proof", "sectors", "threads",
                                   "layers", "parent-cache", NULL};
    static const char *bools[] = {"no-producer", NULL};
    args a;
    args_parse(&a, "bench pc1", argc, argv, valued, bools, NULL);
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

    progress("bench pc1: OpenSSL reference");
    double ref = openssl_rate();
    double ref2 = openssl_rate_2threads();
    double own = own_rate();
    unsigned t1 = threads < 2 ? threads : 2;
    int nop = args_has(&a, "no-producer");
    progress("bench pc1: 1 sector, %u thread(s)", t1);
    run_result single = run_labels(N, (unsigned)layers, pc.parents, 1, t1, nop);
    printf("{\"kernel\":\"pc1\",\"registeredProof\":\"%s\",\"sectorSize\":%llu,\"nodes\":%llu,"
           "\"layers\":%llu,\"shaImpl\":\"%s\",\"compressionsPerLabel\":20,"
           "\"bytesHashedPerLabel\":1280,\"ownShaBytesPerSecond\":%.0f",
           p->name, (unsigned long long)p->sector_size, (unsigned long long)N,
           (unsigned long long)layers, sha256_active()->name, own);
    printf(",\"loadAverage1m\":%.2f", load_average_1m());
    print_limit(ref, ref2);
    print_run("single", single, 1, t1, N, (unsigned)layers, ref);
    if (nsec > 1) {
        progress("bench pc1: %llu sectors, %u threads", (unsigned long long)nsec, threads);
        run_result batch = run_labels(N, (unsigned)layers, pc.parents, nsec, threads, nop);
        print_run("batch", batch, nsec, threads, N, (unsigned)layers, ref);
        double r1 = (double)N * layers / single.seconds;
        double rb = (double)N * layers * (double)nsec / batch.seconds;
        printf(",\"batchSpeedup\":%.3f", rb / r1);
    }
    printf("}\n");
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
    double ref2 = openssl_rate_2threads();
    progress("bench commp: %llu-byte payload", (unsigned long long)payload);
    uint8_t comm[32];
    uint64_t padded;
    /* Repeat small payloads until at least a second of work is timed. */
    unsigned reps = 0;
    double t0 = now_seconds(), t;
    do {
        if (commp_buffer(buf, payload, comm, &padded) != 0)
            die("bench commp: commP failed");
        reps++;
        t = now_seconds() - t0;
    } while (t < 1.0);
    t /= reps;
    /* Every internal node of the piece tree over real data costs two
     * compressions (data block + padding block); zero subtrees are free. */
    uint64_t leaves = (payload + 126) / 127 * 4;
    double comps = 2.0 * (double)(leaves - 1);
    char h[65];
    hex_encode(comm, 32, h);
    printf("{\"kernel\":\"commp\",\"payloadSize\":%llu,\"pieceSize\":%llu,\"commPHex\":\"%s\","
           "\"shaImpl\":\"%s\",\"seconds\":%.3f,\"payloadBytesPerSecond\":%.0f,"
           "\"compressionsPerSecond\":%.0f,\"bytesHashedPerSecond\":%.0f,\"repetitions\":%u",
           (unsigned long long)payload, (unsigned long long)padded, h, sha256_active()->name, t,
           (double)payload / t, comps / t, comps * 64 / t, reps);
    printf(",\"loadAverage1m\":%.2f", load_average_1m());
    print_limit(ref, ref2);
    if (ref > 0)
        printf(",\"ratioToLimit\":%.3f", comps * 64 / t / ref);
    printf("}\n");
    free(buf);
    args_free(&a);
    return 0;
}
