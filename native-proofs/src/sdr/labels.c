#define _GNU_SOURCE
#include "sdr/labels.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hash/sha256.h"
#include "util/huge.h"
#include "util/util.h"

/* Final half block of a 1248-byte preimage: 0x80, zeros, bit length 9984. */
static const uint8_t PAD_HALF[32] = {0x80, [30] = 0x27, [31] = 0x00};

#define PREFETCH_AHEAD 24     /* parents are prefetched this many nodes ahead */
#define SLOT_AHEAD 6          /* a hasher prefetches ring slots this far ahead */
#define COPY_GAP 16           /* the producer copies base parents this far behind */
#define RING_BYTES (1u << 20) /* producer lookahead budget */
#define RING_MIN_SLOTS 64
#define RING_MAX_SLOTS 1024
#define MAX_UNIQ_HALVES 18    /* 9 distinct blocks of a label after layer 1 */

static void make_header(uint8_t hdr[64], const uint8_t rid[32], unsigned layer, uint64_t v)
{
    memcpy(hdr, rid, 32);
    hdr[32] = (uint8_t)(layer >> 24);
    hdr[33] = (uint8_t)(layer >> 16);
    hdr[34] = (uint8_t)(layer >> 8);
    hdr[35] = (uint8_t)layer;
    for (int i = 0; i < 8; i++)
        hdr[36 + i] = (uint8_t)(v >> (56 - 8 * i));
    memset(hdr + 44, 0, 20);
}

static inline void header_set_node(uint8_t hdr[64], uint64_t v)
{
    for (int i = 0; i < 8; i++)
        hdr[36 + i] = (uint8_t)(v >> (56 - 8 * i));
}

/* The 37 parent slots: layer 1 hashes base[0..6] six times then base[0];
 * later layers hash (base||exp) twice then its first 9 entries. */
static inline void parent_sequence(const uint8_t *const P[DEGREE], unsigned layer,
                                   const uint8_t **h)
{
    if (layer == 1) {
        for (int i = 0; i < 36; i++)
            h[i] = P[i % 6];
        h[36] = P[0];
    } else {
        for (int i = 0; i < 28; i++)
            h[i] = P[i % 14];
        for (int i = 0; i < 9; i++)
            h[28 + i] = P[i];
    }
    h[37] = PAD_HALF;
}

/* The same 19 parent blocks as distinct blocks (see the patterns below):
 * layer 1: (P0,P1) (P2,P3) (P4,P5) (P0,pad); later: (P0,P1) .. (P12,P13)
 * (P8,pad). */
static inline void parent_blocks(const uint8_t *const P[DEGREE], unsigned layer,
                                 const uint8_t **h)
{
    if (layer == 1) {
        for (int i = 0; i < 6; i++)
            h[i] = P[i];
        h[6] = P[0];
        h[7] = PAD_HALF;
    } else {
        for (int i = 0; i < DEGREE; i++)
            h[i] = P[i];
        h[14] = P[8];
        h[15] = PAD_HALF;
    }
}

/* Block patterns of a label. "full" starts with the header block; "tail"
 * is the rest, for hashers whose header block the producer compressed. */
typedef struct {
    sha256_pattern full_node0, full_first, full_later;
    sha256_pattern tail_node0, tail_first, tail_later;
} label_patterns;

static label_patterns PATS;
static pthread_once_t pats_once = PTHREAD_ONCE_INIT;

static void pattern_pair(sha256_pattern *full, sha256_pattern *tail, const uint8_t *seq,
                         size_t n, size_t uniq)
{
    uint8_t s[SHA256_PATTERN_MAX];
    s[0] = 0;
    for (size_t i = 0; i < n; i++)
        s[i + 1] = (uint8_t)(seq[i] + 1);
    if (sha256_pattern_init(tail, seq, n, uniq) != 0 ||
        sha256_pattern_init(full, s, n + 1, uniq + 1) != 0)
        die("internal error: label block pattern too long");
}

static void init_patterns(void)
{
    static const uint8_t node0[] = {0};
    static const uint8_t first[] = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 3};
    static const uint8_t later[] = {0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 7};
    pattern_pair(&PATS.full_node0, &PATS.tail_node0, node0, 1, 1);
    pattern_pair(&PATS.full_first, &PATS.tail_first, first, sizeof first, 4);
    pattern_pair(&PATS.full_later, &PATS.tail_later, later, sizeof later, 8);
}

static const sha256_pattern *label_pattern(int full, unsigned layer, uint64_t v)
{
    if (v == 0)
        return full ? &PATS.full_node0 : &PATS.tail_node0;
    if (layer == 1)
        return full ? &PATS.full_first : &PATS.tail_first;
    return full ? &PATS.full_later : &PATS.tail_later;
}

static inline void finish_label(const uint32_t st[8], uint8_t *out)
{
    sha256_state_bytes(st, out);
    out[31] &= 0x3f;
}

void label_reference(const uint8_t replica_id[32], unsigned layer, uint64_t v,
                     const uint8_t *const base[BASE_DEGREE], const uint8_t *const exp[EXP_DEGREE],
                     uint8_t out[32])
{
    uint8_t buf[64 + 37 * 32];
    make_header(buf, replica_id, layer, v);
    size_t n = 64;
    if (v > 0) {
        const uint8_t *P[DEGREE];
        for (int i = 0; i < BASE_DEGREE; i++)
            P[i] = base[i];
        for (int i = 0; i < EXP_DEGREE; i++)
            P[BASE_DEGREE + i] = layer > 1 ? exp[i] : NULL;
        const uint8_t *h[38];
        parent_sequence(P, layer, h);
        for (int i = 0; i < 37; i++)
            memcpy(buf + 64 + 32 * i, h[i], 32);
        n += 37 * 32;
    }
    sha256(buf, n, out);
    out[31] &= 0x3f;
}

void layer_view_copy(const layer_view *lv, uint64_t first, uint64_t count, uint8_t *out)
{
    if (lv->stride == 32) {
        memcpy(out, lv->base + 32 * first, count * 32);
        return;
    }
    const uint8_t *p = lv->base + lv->stride * first;
    for (uint64_t i = 0; i < count; i++, p += lv->stride, out += 32)
        memcpy(out, p, 32);
}

/* ---- ring geometry ------------------------------------------------------ */

/* A ring slot: the base-parent indices and a bitmask of base parents the
 * producer could not copy yet (64 bytes), every lane's state after the header
 * block, then the 14 parent rows (32 bytes per sector each). */
typedef struct {
    size_t st_off, lab_off, bytes, slots;
} ring_geometry;

static size_t round64(size_t x) { return (x + 63) & ~(size_t)63; }

static ring_geometry ring_geometry_for(size_t nsec)
{
    ring_geometry g;
    g.st_off = 64;
    g.lab_off = g.st_off + round64(nsec * 32);
    g.bytes = round64(g.lab_off + DEGREE * nsec * 32);
    size_t slots = RING_BYTES / g.bytes;
    g.slots = slots < RING_MIN_SLOTS ? RING_MIN_SLOTS : slots > RING_MAX_SLOTS ? RING_MAX_SLOTS
                                                                                : slots;
    return g;
}

uint64_t labels_memory_needed(uint64_t nodes, size_t nsectors)
{
    ring_geometry g = ring_geometry_for(nsectors);
    return 2 * nodes * 32 * (uint64_t)nsectors + (uint64_t)g.bytes * g.slots;
}

/* ---- shared state ------------------------------------------------------ */

typedef struct engine engine;

typedef struct {
    engine *e;
    size_t first, count;     /* the sectors (lanes) this thread hashes */
    const uint8_t **halves;  /* count * MAX_UNIQ_HALVES */
    uint32_t (*st)[8];       /* count */
    uint8_t (*hdr)[64];      /* count */
    int cpu;                 /* pinned CPU, -1 for none */
    /* Layer l of this thread's sectors: node v of its sector first+i at
     * buf[l & 1] + v * row + 32 * i. */
    uint8_t *buf[2];
    size_t row;
    double cb_seconds;
    uint64_t done __attribute__((aligned(64))); /* ring mode: nodes consumed */
} hasher;

struct engine {
    labels_job *j;
    const sha256_impl *im;
    size_t nsec, row; /* ring mode: bytes of one node row of the batch, 32 * nsec */
    uint8_t *buf[2];  /* ring mode: layer l of the batch lives in buf[l & 1] */
    huge_buf *mem;    /* every layer buffer mapping, ring mode or not */
    size_t nmem;
    hasher *h;
    size_t nh;
    /* ring mode */
    uint8_t *ring;
    ring_geometry rg;
    int producer_cpu;
    uint64_t produced __attribute__((aligned(64)));
};

/* Spin briefly, then yield, then nap: a waiting thread should not burn the
 * CPU time of a core its partner may need. */
static inline void spin_wait(unsigned *spins)
{
    ++*spins;
    if (*spins < 1024) {
        __builtin_ia32_pause();
    } else if (*spins < 1088) {
        sched_yield();
    } else {
        struct timespec ts = {0, 20000};
        nanosleep(&ts, NULL);
    }
}

static void pin_self(int cpu)
{
    if (cpu < 0)
        return;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    /* Best effort: a container may forbid it, labeling works regardless. */
    (void)pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

static void layer_finished(hasher *hs, unsigned layer)
{
    engine *e = hs->e;
    labels_job *j = e->j;
    const uint8_t *buf = hs->buf[layer & 1];
    for (size_t i = 0; i < hs->count; i++) {
        size_t s = hs->first + i;
        layer_view lv = {buf + 32 * i, hs->row, j->nodes};
        if (j->on_layer) {
            double t = now_seconds();
            j->on_layer(j->ctx, s, layer, &lv);
            hs->cb_seconds += now_seconds() - t;
        }
        if (layer == j->layers && j->last_labels)
            layer_view_copy(&lv, j->nodes - 1, 1, j->last_labels[s]);
    }
}

/* Prefetches `len` bytes at p: every cache line they touch. */
static inline void prefetch_span(const uint8_t *p, size_t len)
{
    const uint8_t *end = p + len;
    for (const uint8_t *q = (const uint8_t *)((uintptr_t)p & ~(uintptr_t)63); q < end; q += 64)
        __builtin_prefetch(q, 0, 3);
}

/* ---- prefetching hasher: its sectors side by side, no producer --------- */

static void *inline_hasher(void *arg)
{
    hasher *hs = arg;
    engine *e = hs->e;
    labels_job *j = e->j;
    const sha256_impl *im = e->im;
    pin_self(hs->cpu);
    const uint64_t N = j->nodes;
    const uint32_t *par = j->parents;
    const size_t row = hs->row, span = 32 * hs->count;
    for (unsigned layer = 1; layer <= j->layers; layer++) {
        uint8_t *cur = hs->buf[layer & 1];
        const uint8_t *prev = hs->buf[(layer - 1) & 1];
        for (size_t i = 0; i < hs->count; i++)
            make_header(hs->hdr[i], j->replica_ids[hs->first + i], layer, 0);
        for (uint64_t v = 0; v < N; v++) {
            if (v + PREFETCH_AHEAD < N) {
                const uint32_t *q = par + (v + PREFETCH_AHEAD) * DEGREE;
                for (int k = 1; k < BASE_DEGREE; k++)
                    prefetch_span(cur + row * q[k], span);
                if (layer > 1)
                    for (int k = BASE_DEGREE; k < DEGREE; k++)
                        prefetch_span(prev + row * q[k], span);
            }
            const sha256_pattern *pat = label_pattern(1, layer, v);
            const size_t stride = 2 * (size_t)pat->uniq;
            const uint32_t *p = par + v * DEGREE;
            const uint8_t *P0[DEGREE];
            if (v > 0)
                for (int k = 0; k < DEGREE; k++)
                    P0[k] = k < BASE_DEGREE ? cur + row * p[k]
                                            : layer > 1 ? prev + row * p[k] : NULL;
            for (size_t i = 0; i < hs->count; i++) {
                const uint8_t **h = hs->halves + i * stride;
                header_set_node(hs->hdr[i], v);
                memcpy(hs->st[i], SHA256_IV, 32);
                h[0] = hs->hdr[i];
                h[1] = hs->hdr[i] + 32;
                if (v == 0) {
                    h[2] = SHA256_PAD64;
                    h[3] = SHA256_PAD64 + 32;
                } else {
                    const uint8_t *P[DEGREE];
                    for (int k = 0; k < DEGREE; k++)
                        P[k] = P0[k] ? P0[k] + 32 * i : NULL;
                    parent_blocks(P, layer, h + 2);
                }
            }
            im->pattern(hs->st, hs->count, hs->halves, pat);
            uint8_t *out = cur + row * v;
            for (size_t i = 0; i < hs->count; i++)
                finish_label(hs->st[i], out + 32 * i);
        }
        layer_finished(hs, layer);
    }
    return NULL;
}

/* ---- one producer shared by the batch, hashers fed from a ring --------- */

static uint64_t min_done(const engine *e)
{
    uint64_t m = UINT64_MAX;
    for (size_t i = 0; i < e->nh; i++) {
        uint64_t d = __atomic_load_n(&e->h[i].done, __ATOMIC_ACQUIRE);
        if (d < m)
            m = d;
    }
    return m;
}

static void *ring_producer(void *arg)
{
    engine *e = arg;
    labels_job *j = e->j;
    const sha256_impl *im = e->im;
    pin_self(e->producer_cpu);
    const uint64_t N = j->nodes, total = N * j->layers;
    const size_t row = e->row, nsec = e->nsec, slots = e->rg.slots;
    uint8_t(*hdr)[64] = xmalloc_aligned(nsec * 64);
    const uint8_t **halves = xcalloc(2 * nsec, sizeof *halves);
    for (size_t s = 0; s < nsec; s++) {
        halves[2 * s] = hdr[s];
        halves[2 * s + 1] = hdr[s] + 32;
    }
    static const uint8_t one_block[1] = {0};
    sha256_pattern header_pat;
    sha256_pattern_init(&header_pat, one_block, 1, 1);
    unsigned spins = 0;
    /* Hasher progress is re-read only every few nodes: each read pulls their
     * cache lines across cores. A stale value only means a few more base
     * parents are left for the hashers, which have them in cache anyway. */
    uint64_t done = min_done(e);
    for (uint64_t gi = 0; gi < total; gi++) {
        unsigned layer = (unsigned)(gi / N) + 1;
        uint64_t v = gi % N;
        uint64_t layer_base = (uint64_t)(layer - 1) * N;
        if ((gi & 63) == 0)
            done = min_done(e);
        /* Slot free (its previous node consumed by every hasher) and, for
         * expander parents, the previous layer complete. When full, wait
         * until half the ring is free, so the producer works in bursts and
         * sleeps in between instead of spinning on every slot. */
        if (gi >= done + slots || (layer > 1 && done < layer_base)) {
            while (gi >= done + slots / 2 || (layer > 1 && done < layer_base)) {
                spin_wait(&spins);
                done = min_done(e);
            }
            spins = 0;
        }
        uint8_t *sl = e->ring + (gi % slots) * e->rg.bytes;
        uint32_t *base = (uint32_t *)sl;
        uint8_t *lab = sl + e->rg.lab_off;
        const uint8_t *cur = e->buf[layer & 1];
        const uint8_t *prev = e->buf[(layer - 1) & 1];
        const uint32_t *p = j->parents + v * DEGREE;
        /* Only copy base parents well behind the hashers: reading a cache
         * line one is still writing would stall its next store. */
        uint64_t safe = done > layer_base + COPY_GAP ? done - layer_base - COPY_GAP : 0;
        uint32_t missing = 0;
        for (int k = 0; k < BASE_DEGREE; k++) {
            base[k] = p[k];
            if (v > 0 && p[k] < safe)
                memcpy(lab + row * k, cur + row * p[k], row);
            else
                missing |= 1u << k;
        }
        base[BASE_DEGREE] = missing;
        if (layer > 1 && v > 0)
            for (int k = BASE_DEGREE; k < DEGREE; k++)
                memcpy(lab + row * k, prev + row * p[k], row);
        /* The header block depends only on (replica, layer, node): hash it
         * here, off the hashers' critical path, every sector side by side. */
        uint32_t(*st)[8] = (uint32_t(*)[8])(sl + e->rg.st_off);
        for (size_t s = 0; s < nsec; s++) {
            if (v == 0)
                make_header(hdr[s], j->replica_ids[s], layer, 0);
            else
                header_set_node(hdr[s], v);
            memcpy(st[s], SHA256_IV, 32);
        }
        im->pattern(st, nsec, halves, &header_pat);
        __atomic_store_n(&e->produced, gi + 1, __ATOMIC_RELEASE);
        /* Warm the parent rows of a node further ahead. */
        if (v + PREFETCH_AHEAD < N) {
            const uint32_t *q = j->parents + (v + PREFETCH_AHEAD) * DEGREE;
            if (layer > 1)
                for (int k = BASE_DEGREE; k < DEGREE; k++)
                    prefetch_span(prev + row * q[k], row);
            for (int k = 1; k < BASE_DEGREE; k++)
                prefetch_span(cur + row * q[k], row);
        }
    }
    free(hdr);
    free(halves);
    return NULL;
}

static void *ring_hasher(void *arg)
{
    hasher *hs = arg;
    engine *e = hs->e;
    labels_job *j = e->j;
    const sha256_impl *im = e->im;
    pin_self(hs->cpu);
    const uint64_t N = j->nodes, total = N * j->layers;
    const size_t row = e->row, off = 32 * hs->first, span = 32 * hs->count;
    const size_t slots = e->rg.slots;
    unsigned spins = 0;
    uint64_t produced = 0;
    for (uint64_t gi = 0; gi < total; gi++) {
        unsigned layer = (unsigned)(gi / N) + 1;
        uint64_t v = gi % N;
        while (produced <= gi) {
            produced = __atomic_load_n(&e->produced, __ATOMIC_ACQUIRE);
            if (produced <= gi)
                spin_wait(&spins);
        }
        spins = 0;
        const uint8_t *sl = e->ring + (gi % slots) * e->rg.bytes;
        /* Pull this hasher's part of a slot a few nodes ahead over from the
         * producer's core. */
        if (produced > gi + SLOT_AHEAD) {
            const uint8_t *nx = e->ring + ((gi + SLOT_AHEAD) % slots) * e->rg.bytes;
            __builtin_prefetch(nx, 0, 3);
            prefetch_span(nx + e->rg.st_off + off, span);
            for (int k = 0; k < DEGREE; k++)
                prefetch_span(nx + e->rg.lab_off + row * k + off, span);
        }
        const uint32_t *base = (const uint32_t *)sl;
        uint32_t missing = base[BASE_DEGREE];
        const uint8_t *lab = sl + e->rg.lab_off + off;
        uint8_t *cur = hs->buf[layer & 1];
        memcpy(hs->st, sl + e->rg.st_off + off, span);
        const sha256_pattern *pat = label_pattern(0, layer, v);
        const size_t stride = 2 * (size_t)pat->uniq;
        const uint8_t *P0[DEGREE];
        if (v > 0)
            for (int k = 0; k < DEGREE; k++)
                P0[k] = k < BASE_DEGREE && (missing >> k & 1) ? cur + row * base[k]
                                                               : lab + row * k;
        for (size_t i = 0; i < hs->count; i++) {
            const uint8_t **h = hs->halves + i * stride;
            if (v == 0) {
                h[0] = SHA256_PAD64;
                h[1] = SHA256_PAD64 + 32;
            } else {
                const uint8_t *P[DEGREE];
                for (int k = 0; k < DEGREE; k++)
                    P[k] = P0[k] + 32 * i;
                parent_blocks(P, layer, h);
            }
        }
        im->pattern(hs->st, hs->count, hs->halves, pat);
        uint8_t *out = cur + row * v;
        for (size_t i = 0; i < hs->count; i++)
            finish_label(hs->st[i], out + 32 * i);
        __atomic_store_n(&hs->done, gi + 1, __ATOMIC_RELEASE);
        if (v == N - 1)
            layer_finished(hs, layer);
    }
    return NULL;
}

/* ---- orchestration ----------------------------------------------------- */

/* CPUs this process may run on, in order; n is set to their count. */
static int *allowed_cpus(size_t *n)
{
    cpu_set_t set;
    *n = 0;
    if (sched_getaffinity(0, sizeof set, &set) != 0)
        return NULL;
    int *cpus = xcalloc(CPU_SETSIZE, sizeof *cpus);
    for (int c = 0; c < CPU_SETSIZE; c++)
        if (CPU_ISSET(c, &set))
            cpus[(*n)++] = c;
    return cpus;
}

void labels_run(labels_job *j)
{
    if (j->nodes < 2)
        die("a graph needs at least 2 nodes, got %llu", (unsigned long long)j->nodes);
    if (j->layers < 1)
        die("at least one layer is needed");
    if (j->nsectors < 1)
        die("labeling needs at least one sector");
    pthread_once(&pats_once, init_patterns);
    engine e = {0};
    e.j = j;
    e.im = sha256_active();
    e.nsec = j->nsectors;
    e.row = 32 * e.nsec;

    /* Every thread hashes (up to one per sector), the sectors spread evenly:
     * a thread with `lanes` sectors keeps its SHA unit busy, one with fewer
     * still adds throughput on a core that would otherwise idle. Only a
     * thread with no sector of its own becomes the batch's producer. */
    size_t T = j->threads ? j->threads : 1;
    e.nh = e.nsec < T ? e.nsec : T;
    int ring = !j->no_producer && T > e.nh;
    e.h = xcalloc(e.nh, sizeof *e.h);
    size_t maxlanes = 0;
    for (size_t i = 0; i < e.nh; i++) {
        hasher *hs = &e.h[i];
        hs->e = &e;
        hs->first = e.nsec * i / e.nh;
        hs->count = e.nsec * (i + 1) / e.nh - hs->first;
        hs->halves = xcalloc(hs->count * MAX_UNIQ_HALVES, sizeof *hs->halves);
        hs->st = xmalloc_aligned(hs->count * 32);
        hs->hdr = xmalloc_aligned(hs->count * 64);
        hs->cpu = -1;
        if (hs->count > maxlanes)
            maxlanes = hs->count;
    }
    e.producer_cpu = -1;
    size_t ncpu = 0;
    int *cpus = allowed_cpus(&ncpu);
    /* Pinning is opt-in: every sealer process sees the same affinity set, so
     * two PC1 processes in one pod would both pin to its first CPUs and share
     * them while the others idle. Only a caller that owns the CPUs (a bench,
     * or one batch per cpuset) should ask for it. */
    const char *pin = getenv("SEALER_PIN_THREADS");
    int pinned = cpus && ncpu >= e.nh + (size_t)ring && pin && strcmp(pin, "1") == 0;
    if (pinned) {
        for (size_t i = 0; i < e.nh; i++)
            e.h[i].cpu = cpus[i];
        if (ring)
            e.producer_cpu = cpus[e.nh];
    }
    free(cpus);
    if (ring) {
        e.rg = ring_geometry_for(e.nsec);
        e.ring = xmalloc_aligned(e.rg.bytes * e.rg.slots);
    }
    /* With a producer the whole batch is one interleaved pair of layers, so
     * the producer copies a parent row for every sector at once. Without,
     * each hasher has its own pair holding only its sectors: the random
     * parent reads of a thread then spread over 1/nh of the memory (fewer
     * pages, fewer TLB misses) for the same cache lines. */
    e.nmem = ring ? 2 : 2 * e.nh;
    e.mem = xcalloc(e.nmem, sizeof *e.mem);
    if (ring) {
        for (int b = 0; b < 2; b++) {
            huge_buf_alloc(&e.mem[b], j->nodes * e.row);
            e.buf[b] = e.mem[b].p;
        }
    }
    for (size_t i = 0; i < e.nh; i++) {
        hasher *hs = &e.h[i];
        for (int b = 0; b < 2; b++) {
            if (ring) {
                hs->buf[b] = e.buf[b] + 32 * hs->first;
            } else {
                huge_buf_alloc(&e.mem[2 * i + b], j->nodes * 32 * hs->count);
                hs->buf[b] = e.mem[2 * i + b].p;
            }
        }
        hs->row = ring ? e.row : 32 * hs->count;
    }

    pthread_t *th = xcalloc(e.nh + 1, sizeof *th);
    size_t nth = 0;
    double t0 = now_seconds();
    for (size_t i = 0; i < e.nh; i++) {
        int rc = pthread_create(&th[nth], NULL, ring ? ring_hasher : inline_hasher, &e.h[i]);
        if (rc != 0)
            die("cannot start labeling thread: %s", strerror(rc));
        nth++;
    }
    if (ring) {
        int rc = pthread_create(&th[nth], NULL, ring_producer, &e);
        if (rc != 0)
            die("cannot start labeling thread: %s", strerror(rc));
        nth++;
    }
    for (size_t i = 0; i < nth; i++)
        pthread_join(th[i], NULL);
    double wall = now_seconds() - t0, cb = 0;
    for (size_t i = 0; i < e.nh; i++) {
        if (e.h[i].cb_seconds > cb)
            cb = e.h[i].cb_seconds;
        free(e.h[i].halves);
        free(e.h[i].st);
        free(e.h[i].hdr);
    }
    j->seconds = wall - cb;
    j->hashers = (unsigned)e.nh;
    j->producers = ring ? 1 : 0;
    j->lanes = (unsigned)maxlanes;
    j->pinned = pinned;
    free(e.ring);
    j->buffer_bytes = 0;
    j->huge_pages = huge_kind_name(e.mem[0].kind);
    for (size_t m = 0; m < e.nmem; m++) {
        j->buffer_bytes += e.mem[m].len;
        if (e.mem[m].kind != e.mem[0].kind)
            j->huge_pages = "mixed";
    }
    j->huge_page_bytes = huge_bufs_huge_bytes(e.mem, e.nmem);
    for (size_t m = 0; m < e.nmem; m++)
        huge_buf_free(&e.mem[m]);
    free(e.mem);
    free(e.h);
    free(th);
}
