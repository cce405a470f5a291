#define _GNU_SOURCE
#include "sdr/labels.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "hash/sha256.h"
#include "util/util.h"

/* Final half block of a 1248-byte preimage: 0x80, zeros, bit length 9984. */
static const uint8_t PAD_HALF[32] = {0x80, [30] = 0x27, [31] = 0x00};

#define RING_SLOTS 1024       /* producer lookahead, in nodes (~512 KiB) */
#define PREFETCH_AHEAD 24     /* parents are prefetched this many nodes ahead */
#define SLOT_AHEAD 6          /* the hasher prefetches ring slots this far ahead */
#define COPY_GAP 16           /* producer copies base parents this far behind */

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

uint64_t labels_memory_needed(uint64_t nodes, size_t nsectors)
{
    return 2 * nodes * 32 * (uint64_t)nsectors;
}

/* ---- shared state ------------------------------------------------------ */

typedef struct {
    const uint8_t *rid;
    uint8_t *buf[2]; /* layer l lives in buf[l & 1] */
    size_t index;    /* sector index in the job */
} sector_state;

typedef struct {
    uint8_t lab[DEGREE][32];
    uint32_t st[8];       /* SHA state after the header block */
    uint32_t base[BASE_DEGREE];
    uint32_t missing;     /* base parents the producer could not copy yet */
} __attribute__((aligned(64))) ring_slot;

typedef struct {
    labels_job *job;
    sector_state *sectors;
    size_t nsec;
    double cb_seconds;
    /* ring mode */
    ring_slot *ring;
    uint64_t produced __attribute__((aligned(64)));
    uint64_t done __attribute__((aligned(64)));
} unit;

static inline void spin_wait(unsigned *spins)
{
    if (++*spins < 2048) {
        __builtin_ia32_pause();
    } else {
        *spins = 0;
        sched_yield();
    }
}

static void layer_finished(unit *u, sector_state *s, unsigned layer)
{
    labels_job *j = u->job;
    if (j->on_layer) {
        double t = now_seconds();
        j->on_layer(j->ctx, s->index, layer, s->buf[layer & 1], j->nodes);
        u->cb_seconds += now_seconds() - t;
    }
    if (layer == j->layers && j->last_labels)
        memcpy(j->last_labels[s->index], s->buf[layer & 1] + 32 * (j->nodes - 1), 32);
}

/* ---- prefetching hasher: several sectors, node-major ------------------- */

static void *inline_hasher(void *arg)
{
    unit *u = arg;
    labels_job *j = u->job;
    const sha256_impl *im = sha256_active();
    const uint64_t N = j->nodes;
    const uint32_t *par = j->parents;
    for (unsigned layer = 1; layer <= j->layers; layer++) {
        for (uint64_t v = 0; v < N; v++) {
            if (v + PREFETCH_AHEAD < N) {
                const uint32_t *q = par + (v + PREFETCH_AHEAD) * DEGREE;
                for (size_t s = 0; s < u->nsec; s++) {
                    const uint8_t *cur = u->sectors[s].buf[layer & 1];
                    const uint8_t *prev = u->sectors[s].buf[(layer - 1) & 1];
                    for (int k = 1; k < BASE_DEGREE; k++)
                        __builtin_prefetch(cur + 32 * (uint64_t)q[k], 0, 3);
                    if (layer > 1)
                        for (int k = BASE_DEGREE; k < DEGREE; k++)
                            __builtin_prefetch(prev + 32 * (uint64_t)q[k], 0, 3);
                }
            }
            const uint32_t *p = par + v * DEGREE;
            /* Sectors in pairs: two SHA chains side by side in this thread. */
            for (size_t s = 0; s < u->nsec; s += 2) {
                size_t lanes = s + 1 < u->nsec ? 2 : 1;
                uint8_t hdr[2][64];
                uint32_t st[2][8];
                const uint8_t *h[2][40];
                for (size_t l = 0; l < lanes; l++) {
                    sector_state *ss = &u->sectors[s + l];
                    uint8_t *cur = ss->buf[layer & 1];
                    const uint8_t *prev = ss->buf[(layer - 1) & 1];
                    make_header(hdr[l], ss->rid, layer, v);
                    memcpy(st[l], SHA256_IV, sizeof st[l]);
                    h[l][0] = hdr[l];
                    h[l][1] = hdr[l] + 32;
                    if (v == 0) {
                        h[l][2] = SHA256_PAD64;
                        h[l][3] = SHA256_PAD64 + 32;
                    } else {
                        const uint8_t *P[DEGREE];
                        for (int k = 0; k < BASE_DEGREE; k++)
                            P[k] = cur + 32 * (uint64_t)p[k];
                        for (int k = BASE_DEGREE; k < DEGREE; k++)
                            P[k] = layer > 1 ? prev + 32 * (uint64_t)p[k] : NULL;
                        parent_sequence(P, layer, h[l] + 2);
                    }
                }
                size_t blocks = v == 0 ? 2 : 20;
                if (lanes == 2)
                    im->halves2(st[0], h[0], st[1], h[1], blocks);
                else
                    im->halves(st[0], h[0], blocks);
                for (size_t l = 0; l < lanes; l++)
                    finish_label(st[l], u->sectors[s + l].buf[layer & 1] + 32 * v);
            }
        }
        for (size_t s = 0; s < u->nsec; s++)
            layer_finished(u, &u->sectors[s], layer);
    }
    return NULL;
}

/* ---- producer + hasher pair: one sector -------------------------------- */

static void *ring_producer(void *arg)
{
    unit *u = arg;
    labels_job *j = u->job;
    const sha256_impl *im = sha256_active();
    sector_state *ss = &u->sectors[0];
    const uint64_t N = j->nodes, total = N * j->layers;
    unsigned spins = 0;
    /* The hasher's progress is re-read only every few nodes: each read pulls
     * its cache line across cores. A stale value only means a few more base
     * parents are left for the hasher, which has them in cache anyway. */
    uint64_t done = __atomic_load_n(&u->done, __ATOMIC_ACQUIRE);
    for (uint64_t gi = 0; gi < total; gi++) {
        unsigned layer = (unsigned)(gi / N) + 1;
        uint64_t v = gi % N;
        uint64_t layer_base = (uint64_t)(layer - 1) * N;
        if ((gi & 63) == 0)
            done = __atomic_load_n(&u->done, __ATOMIC_ACQUIRE);
        /* Slot free (its previous node consumed) and, for expander parents,
         * the previous layer complete. */
        while (gi >= done + RING_SLOTS || (layer > 1 && done < layer_base)) {
            /* Ring full: back off between reads so the hasher's stores to
             * `done` do not keep bouncing its cache line over here. */
            for (int k = 0; k < 32; k++)
                spin_wait(&spins);
            done = __atomic_load_n(&u->done, __ATOMIC_ACQUIRE);
        }
        ring_slot *sl = &u->ring[gi % RING_SLOTS];
        const uint8_t *cur = ss->buf[layer & 1];
        const uint8_t *prev = ss->buf[(layer - 1) & 1];
        const uint32_t *p = j->parents + v * DEGREE;
        /* Only copy base parents well behind the hasher: reading the cache
         * line it is still writing would stall its next store. */
        uint64_t safe = done > layer_base + COPY_GAP ? done - layer_base - COPY_GAP : 0;
        uint32_t missing = 0;
        for (int k = 0; k < BASE_DEGREE; k++) {
            sl->base[k] = p[k];
            if (v > 0 && p[k] < safe)
                memcpy(sl->lab[k], cur + 32 * (uint64_t)p[k], 32);
            else
                missing |= 1u << k;
        }
        if (layer > 1)
            for (int k = BASE_DEGREE; k < DEGREE; k++)
                memcpy(sl->lab[k], prev + 32 * (uint64_t)p[k], 32);
        sl->missing = missing;
        /* The header block depends only on (replica, layer, node): hash it
         * here, off the hasher's critical path. */
        uint8_t hdr[64];
        make_header(hdr, ss->rid, layer, v);
        memcpy(sl->st, SHA256_IV, sizeof sl->st);
        im->blocks(sl->st, hdr, 1);
        __atomic_store_n(&u->produced, gi + 1, __ATOMIC_RELEASE);
        /* Warm the parents of a node further ahead. */
        if (v + PREFETCH_AHEAD < N) {
            const uint32_t *q = j->parents + (v + PREFETCH_AHEAD) * DEGREE;
            if (layer > 1)
                for (int k = BASE_DEGREE; k < DEGREE; k++)
                    __builtin_prefetch(prev + 32 * (uint64_t)q[k], 0, 3);
            for (int k = 1; k < BASE_DEGREE; k++)
                __builtin_prefetch(cur + 32 * (uint64_t)q[k], 0, 3);
        }
    }
    return NULL;
}

static void *ring_hasher(void *arg)
{
    unit *u = arg;
    labels_job *j = u->job;
    const sha256_impl *im = sha256_active();
    sector_state *ss = &u->sectors[0];
    const uint64_t N = j->nodes, total = N * j->layers;
    unsigned spins = 0;
    uint64_t produced = 0;
    for (uint64_t gi = 0; gi < total; gi++) {
        unsigned layer = (unsigned)(gi / N) + 1;
        uint64_t v = gi % N;
        while (produced <= gi) {
            produced = __atomic_load_n(&u->produced, __ATOMIC_ACQUIRE);
            if (produced <= gi)
                spin_wait(&spins);
        }
        ring_slot *sl = &u->ring[gi % RING_SLOTS];
        /* Pull a slot a few nodes ahead over from the producer's core. */
        if (produced > gi + SLOT_AHEAD) {
            const uint8_t *nx = (const uint8_t *)&u->ring[(gi + SLOT_AHEAD) % RING_SLOTS];
            for (size_t o = 0; o < sizeof(ring_slot); o += 64)
                __builtin_prefetch(nx + o, 0, 3);
        }
        uint8_t *cur = ss->buf[layer & 1];
        uint32_t st[8];
        memcpy(st, sl->st, sizeof st);
        if (v == 0) {
            im->blocks(st, SHA256_PAD64, 1);
        } else {
            const uint8_t *P[DEGREE];
            for (int k = 0; k < BASE_DEGREE; k++)
                P[k] = (sl->missing >> k) & 1 ? cur + 32 * (uint64_t)sl->base[k] : sl->lab[k];
            for (int k = BASE_DEGREE; k < DEGREE; k++)
                P[k] = sl->lab[k];
            const uint8_t *h[38];
            parent_sequence(P, layer, h);
            im->halves(st, h, 19);
        }
        finish_label(st, cur + 32 * v);
        __atomic_store_n(&u->done, gi + 1, __ATOMIC_RELEASE);
        if (v == N - 1)
            layer_finished(u, ss, layer);
    }
    return NULL;
}

/* ---- orchestration ----------------------------------------------------- */

void labels_run(labels_job *j)
{
    if (j->nodes < 2)
        die("a graph needs at least 2 nodes, got %llu", (unsigned long long)j->nodes);
    if (j->layers < 1)
        die("at least one layer is needed");
    size_t n = j->nsectors;
    unsigned T = j->threads ? j->threads : 1;
    sector_state *ss = xcalloc(n, sizeof *ss);
    for (size_t s = 0; s < n; s++) {
        ss[s].rid = j->replica_ids[s];
        ss[s].index = s;
        ss[s].buf[0] = xmalloc_huge(j->nodes * 32);
        ss[s].buf[1] = xmalloc_huge(j->nodes * 32);
    }
    /* Producer pairs when there are two threads per sector; otherwise one
     * prefetching hasher per thread, sectors spread round-robin. */
    int ring = !j->no_producer && T >= 2 * n;
    size_t nunits = ring ? n : (n < T ? n : T);
    unit *units = xcalloc(nunits, sizeof *units);
    for (size_t u = 0; u < nunits; u++) {
        units[u].job = j;
        units[u].sectors = xcalloc(n, sizeof(sector_state));
    }
    for (size_t s = 0; s < n; s++) {
        unit *u = &units[s % nunits];
        u->sectors[u->nsec++] = ss[s];
    }
    pthread_t *th = xcalloc(2 * nunits, sizeof *th);
    size_t nth = 0;
    double t0 = now_seconds();
    for (size_t u = 0; u < nunits; u++) {
        int rc;
        if (ring) {
            units[u].ring = xmalloc_aligned(sizeof(ring_slot) * RING_SLOTS);
            rc = pthread_create(&th[nth++], NULL, ring_producer, &units[u]);
            if (rc == 0)
                rc = pthread_create(&th[nth++], NULL, ring_hasher, &units[u]);
        } else {
            rc = pthread_create(&th[nth++], NULL, inline_hasher, &units[u]);
        }
        if (rc != 0)
            die("cannot start labeling thread: %s", strerror(rc));
    }
    for (size_t i = 0; i < nth; i++)
        pthread_join(th[i], NULL);
    double wall = now_seconds() - t0, cb = 0;
    for (size_t u = 0; u < nunits; u++) {
        if (units[u].cb_seconds > cb)
            cb = units[u].cb_seconds;
        free(units[u].ring);
        free(units[u].sectors);
    }
    j->seconds = wall - cb;
    j->hashers = (unsigned)nunits;
    j->producers = ring ? (unsigned)nunits : 0;
    for (size_t s = 0; s < n; s++) {
        free_huge(ss[s].buf[0], j->nodes * 32);
        free_huge(ss[s].buf[1], j->nodes * 32);
    }
    free(ss);
    free(units);
    free(th);
}
