#define _GNU_SOURCE
#include "sdr/parent_cache.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hash/sha256.h"
#include "util/util.h"

/* storage-proofs-porep/parent_cache.json: stem -> SHA-256 of the file. */
static const struct {
    const char *stem, *digest;
} MANIFEST[] = {
    {"v28-sdr-parent-3f0eef38bb48af1f48ad65e14eb85b4ebfc167cec18cd81764f6d998836c9899",
     "3da49221e2ed55371b86d0bf3d6526fcf128af61bed904f966428db1b531750d"},
    {"v28-sdr-parent-494d91dc80f2df5272c4b9e129bc7ade9405225993af9fe34e6542a39a47554b",
     "840057702eea7652cf97e04306c30fe57174714d90de156a25eddd6075c25b97"},
    {"v28-sdr-parent-dcdabb0fbe4364bf0ac28b6a18c66de246409fa1a9020a00f33fb3e3053da6dc",
     "a76604f2f59f2744c7151653bbb1d8596b6b57d295e6fa6c1f0c41d725b502ce"},
    {"v28-sdr-parent-5eed212119fd91aa6220a27f31a8966444a9381842bceb3a1ea61525bd47a5b5",
     "03cd13565ded97c240a5f52e54295ad127bd0461b57904cb3a4d79b097bbecab"},
    {"v28-sdr-parent-2aa9c77c3e58259481351cc4be2079cc71e1c9af39700866545c043bfa30fb42",
     "3adcc092423aa76d6a7184016893406da44dd974b219a89cd3ece25e4e3018f5"},
    {"v28-sdr-parent-7ba215a1d2345774ab90b8cb1158d296e409d6068819d7b8c7baf0b25d63dc34",
     "b5877d1963793efebc261fd8fde4dd6bc59e6b5c7abf52617a4ee023b8dc173a"},
    {"v28-sdr-parent-e1fa5d5b811ddbd118be3412c4a8c329156b8b8acc72632bca459455b5a05a13",
     "3c4f9841fcc75aed8c695800e58d08480629f25af3a2aefd81904181d75cc0b6"},
    {"v28-sdr-parent-21981246c370f9d76c7a77ab273d94bde0ceb4e938292334960bce05585dc117",
     "93deeac5e3052b6927467d4b2641bb782f05491de18d510147c93eeedd8672da"},
    {"v28-sdr-parent-8a99e8d6b6be7ab87a56b632e6739ff201c23ea14e99737c74690f0e265574d6",
     "2778a732ad46a7dc18e0564dfdf59fd321dcde74ab476fd6d3c4e6735d7cd89c"},
    {"v28-sdr-parent-4905486b7af19558ac3649bc6261411858b6add534438878c4ee3b29d8b9de0b",
     "2698b74eb2606b55b98d8b095e18b6320b47f46e00075956d48640ccd1641b03"},
};

char *parent_cache_default_dir(void)
{
    const char *d = getenv("FIL_PROOFS_PARENT_CACHE");
    if (d && *d)
        return xstrdup(d);
    d = getenv("FIL_PROOFS_CACHE_DIR");
    if (d && *d)
        return path_join(d, "filecoin-parents");
    return xstrdup("/var/tmp/filecoin-parents");
}

void parent_cache_stem(const sdr_graph *g, char out[96])
{
    char id[65];
    graph_cache_id(g, id);
    snprintf(out, 96, "v%d-sdr-parent-%s", PARENT_CACHE_VERSION, id);
}

const char *parent_cache_manifest_digest(const char *stem)
{
    for (size_t i = 0; i < sizeof MANIFEST / sizeof MANIFEST[0]; i++)
        if (strcmp(MANIFEST[i].stem, stem) == 0)
            return MANIFEST[i].digest;
    return NULL;
}

typedef struct {
    const sdr_graph *g;
    uint32_t *out;
    uint64_t next; /* atomic chunk cursor */
    uint64_t done; /* atomic, for progress */
} fill_job;

#define FILL_CHUNK 4096

static void *fill_worker(void *arg)
{
    fill_job *j = arg;
    uint64_t n = j->g->nodes;
    for (;;) {
        uint64_t start = __atomic_fetch_add(&j->next, FILL_CHUNK, __ATOMIC_RELAXED);
        if (start >= n)
            break;
        uint64_t end = start + FILL_CHUNK < n ? start + FILL_CHUNK : n;
        for (uint64_t v = start; v < end; v++) {
            uint32_t p[DEGREE];
            graph_parents(j->g, v, p);
            /* The file is little-endian u32; so is every host we build for. */
            memcpy(j->out + v * DEGREE, p, sizeof p);
        }
        __atomic_fetch_add(&j->done, end - start, __ATOMIC_RELAXED);
    }
    return NULL;
}

void parents_fill(const sdr_graph *g, uint32_t *out, unsigned threads)
{
    if (threads < 1)
        threads = 1;
    fill_job j = {g, out, 0, 0};
    pthread_t *t = xcalloc(threads, sizeof *t);
    for (unsigned i = 1; i < threads; i++)
        if (pthread_create(&t[i], NULL, fill_worker, &j) != 0)
            die("cannot start thread: %s", strerror(errno));
    if (g->nodes >= (1u << 20)) {
        /* Large graphs take minutes; report progress from the main thread
         * while it also works. */
        uint64_t n = g->nodes;
        double last = now_seconds();
        for (;;) {
            uint64_t start = __atomic_fetch_add(&j.next, FILL_CHUNK, __ATOMIC_RELAXED);
            if (start >= n)
                break;
            uint64_t end = start + FILL_CHUNK < n ? start + FILL_CHUNK : n;
            for (uint64_t v = start; v < end; v++) {
                uint32_t p[DEGREE];
                graph_parents(g, v, p);
                memcpy(out + v * DEGREE, p, sizeof p);
            }
            __atomic_fetch_add(&j.done, end - start, __ATOMIC_RELAXED);
            double t2 = now_seconds();
            if (t2 - last > 10) {
                last = t2;
                progress("parent cache: %.1f%% of %llu nodes",
                         100.0 * (double)__atomic_load_n(&j.done, __ATOMIC_RELAXED) / (double)n,
                         (unsigned long long)n);
            }
        }
    } else {
        fill_worker(&j);
    }
    for (unsigned i = 1; i < threads; i++)
        pthread_join(t[i], NULL);
    free(t);
}

static void digest_hex(const void *data, size_t len, char out[65])
{
    uint8_t h[32];
    sha256(data, len, h);
    hex_encode(h, 32, out);
}

/* Cheap structural check for caches outside the manifest: recompute a
 * spread of entries and compare. */
static int spot_check(const sdr_graph *g, const uint32_t *p)
{
    uint64_t n = g->nodes;
    uint64_t step = n / 251 ? n / 251 : 1;
    for (uint64_t v = 0; v < n; v += step) {
        uint32_t q[DEGREE];
        graph_parents(g, v, q);
        if (memcmp(q, p + v * DEGREE, sizeof q) != 0)
            return 0;
    }
    uint32_t q[DEGREE];
    graph_parents(g, n - 1, q);
    return memcmp(q, p + (n - 1) * DEGREE, sizeof q) == 0;
}

static void generate(const sdr_graph *g, const char *path, const char *stem, unsigned threads)
{
    uint64_t len = g->nodes * DEGREE * 4;
    char *dir = xstrdup(path);
    *strrchr(dir, '/') = 0;
    uint64_t avail = fs_free_bytes(dir);
    if (avail < len)
        die("not enough space in parent cache directory %s: the cache needs %llu bytes, "
            "%llu available",
            dir, (unsigned long long)len, (unsigned long long)avail);
    free(dir);

    atomic_file af;
    af_open(&af, path);
    /* Reserve the blocks up front: running out of space while writing
     * through a mapping would be a SIGBUS, not an error we can report. */
    int rc = posix_fallocate(af.fd, 0, (off_t)len);
    if (rc != 0)
        die("cannot allocate %llu bytes for %s: %s", (unsigned long long)len, path, strerror(rc));
    void *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, af.fd, 0);
    if (m == MAP_FAILED)
        die("cannot map %s: %s", af.tmp_path, strerror(errno));
    progress("generating parent cache %s (%llu nodes, %u threads)", path,
             (unsigned long long)g->nodes, threads);
    double t0 = now_seconds();
    parents_fill(g, m, threads);
    const char *want = parent_cache_manifest_digest(stem);
    if (want) {
        char got[65];
        digest_hex(m, len, got);
        if (strcmp(got, want) != 0)
            die("generated parent cache %s has digest %s, manifest says %s", path, got, want);
    }
    if (msync(m, len, MS_SYNC) != 0)
        die("cannot write %s: %s", path, strerror(errno));
    munmap(m, len);
    af_commit(&af);
    progress("parent cache generated in %.1f s", now_seconds() - t0);
}

static int map_existing(parent_cache *pc, const char *path, uint64_t len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    struct stat st;
    if (fstat(fd, &st) != 0 || (uint64_t)st.st_size != len) {
        if ((uint64_t)st.st_size != len)
            progress("parent cache %s has %lld bytes, expected %llu; regenerating", path,
                     (long long)st.st_size, (unsigned long long)len);
        close(fd);
        return 0;
    }
    void *m = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
    close(fd);
    if (m == MAP_FAILED)
        die("cannot map %s: %s", path, strerror(errno));
    pc->parents = m;
    pc->map_len = len;
    return 1;
}

void parent_cache_open(parent_cache *pc, const sdr_graph *g, const char *dir, unsigned threads)
{
    memset(pc, 0, sizeof *pc);
    ensure_writable_dir(dir, "parent cache directory");
    char stem[96], name[112];
    parent_cache_stem(g, stem);
    snprintf(name, sizeof name, "%s.cache", stem);
    pc->path = path_join(dir, name);
    pc->nodes = g->nodes;
    uint64_t len = g->nodes * DEGREE * 4;

    /* One generator per cache file across processes sharing the directory. */
    char *lockp = xmalloc(strlen(pc->path) + 8);
    sprintf(lockp, "%s.lock", pc->path);
    int lfd = open(lockp, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lfd < 0)
        die("cannot create lock file %s: %s", lockp, strerror(errno));
    while (flock(lfd, LOCK_EX) != 0)
        if (errno != EINTR)
            die("cannot lock %s: %s", lockp, strerror(errno));

    const char *want = parent_cache_manifest_digest(stem);
    if (map_existing(pc, pc->path, len)) {
        int ok;
        if (want) {
            char got[65];
            digest_hex(pc->parents, len, got);
            ok = strcmp(got, want) == 0;
            pc->digest_checked = 1;
            if (!ok)
                progress("parent cache %s has digest %s, manifest says %s; regenerating",
                         pc->path, got, want);
        } else {
            ok = spot_check(g, pc->parents);
            if (!ok)
                progress("parent cache %s does not match the graph; regenerating", pc->path);
        }
        if (!ok) {
            munmap((void *)pc->parents, len);
            pc->parents = NULL;
        }
    }
    if (!pc->parents) {
        generate(g, pc->path, stem, threads);
        pc->generated = 1;
        pc->digest_checked = want != NULL;
        if (!map_existing(pc, pc->path, len))
            die("cannot open the parent cache %s just written", pc->path);
    }
    flock(lfd, LOCK_UN);
    close(lfd);
    free(lockp);
    madvise((void *)pc->parents, len, MADV_SEQUENTIAL);
}

void parent_cache_close(parent_cache *pc)
{
    if (pc->parents)
        munmap((void *)pc->parents, pc->map_len);
    free(pc->path);
    memset(pc, 0, sizeof *pc);
}
