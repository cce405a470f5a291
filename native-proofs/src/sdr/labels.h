/* SDR labeling: all layers of one or several sectors sharing one graph.
 *
 * Labels inside a layer are strictly serial (node v-1 is always a parent of
 * v), so speed comes from keeping the SHA-256 unit busy and the parents in
 * cache:
 *  - a hashing thread computes the labels of several sectors side by side
 *    (sha256_impl.lanes of them: 4 with SHA-NI, 8 with AVX2), so one chain's
 *    latency is hidden by the others, and one parent fetch serves them all;
 *  - the layers of a batch are interleaved (node v of every sector is one
 *    contiguous row), so one parent index read and one cache-line fetch serve
 *    every sector of a hashing thread;
 *  - parents are fetched ahead of the hashers, either by software prefetch in
 *    the hashing thread itself, or by one producer thread shared by the batch
 *    that gathers the parent rows into a ring buffer and hashes the header
 *    blocks.
 *
 * Thread layout for `threads` T and n sectors: min(T, n) hashing threads,
 * the sectors spread evenly over them (each thread's sectors are one
 * contiguous range of the interleaved rows); when T > n and the producer is
 * not disabled, one more thread is the batch's producer. One sector with
 * T >= 2 is therefore one hasher plus one producer, the layout
 * FIL_PROOFS_USE_MULTICORE_SDR asks for; further threads would only wait.
 * The rule for a full machine: n = lanes x T sectors (SHA-NI: 4 per
 * labeling thread, one thread per core, or per hyper-thread with SMT); with
 * fewer sectors each thread hashes fewer lanes and its rate per CPU-second
 * falls towards the single-stream rate, and a producer spends CPU time to
 * shorten one batch's wall time.
 * With SEALER_PIN_THREADS=1, hashers are pinned to distinct CPUs of the
 * process's affinity set when it has room for every thread; off by default,
 * since sibling sealer processes share one affinity set. */
#ifndef SEALER_LABELS_H
#define SEALER_LABELS_H
#include <stddef.h>
#include <stdint.h>

#include "sdr/graph.h"

/* One finished layer of one sector: the label of node v is the 32 bytes at
 * base + v * stride (stride is 32 for a single sector, 32 * n in a batch). */
typedef struct {
    const uint8_t *base;
    size_t stride;
    uint64_t nodes;
} layer_view;

/* Copies the labels of nodes first .. first+count-1 contiguously into out. */
void layer_view_copy(const layer_view *lv, uint64_t first, uint64_t count, uint8_t *out);

/* Called once per finished layer per sector, from a labeling thread. */
typedef void (*layer_done_fn)(void *ctx, size_t sector, unsigned layer, const layer_view *labels);

typedef struct {
    uint64_t nodes;
    unsigned layers;
    const uint32_t *parents; /* nodes * DEGREE, slot order */
    size_t nsectors;
    const uint8_t (*replica_ids)[32];
    unsigned threads;
    int no_producer; /* use prefetching hashers only */
    layer_done_fn on_layer;
    void *ctx;
    /* Outputs. */
    double seconds;          /* wall time of labeling, excluding on_layer */
    unsigned hashers, producers;
    unsigned lanes;          /* sectors hashed side by side per hashing thread (most) */
    int pinned;              /* 1 when the threads were pinned to CPUs */
    uint64_t buffer_bytes;   /* the two layer buffers, as mapped */
    const char *huge_pages;  /* how: "hugetlb", "thp", "small" or "mixed" (huge.h) */
    int64_t huge_page_bytes; /* of those, on huge pages at the end (-1 unknown) */
    uint8_t (*last_labels)[32]; /* optional: receives each sector's last label */
} labels_job;

/* Bytes of RAM labeling needs: two layers per sector (the batch's layers are
 * interleaved, not duplicated), plus the producer's ring of about 1 MiB. */
uint64_t labels_memory_needed(uint64_t nodes, size_t nsectors);

void labels_run(labels_job *job);

/* Straightforward single label (preimage in one buffer, one sha256 call),
 * used by tests and for spot labels of graphs too big to build. */
void label_reference(const uint8_t replica_id[32], unsigned layer, uint64_t v,
                     const uint8_t *const base[BASE_DEGREE], const uint8_t *const exp[EXP_DEGREE],
                     uint8_t out[32]);

/* SHA-256 compressions per layer: 2 for node 0, 20 for every other node. */
static inline uint64_t label_compressions(uint64_t nodes) { return 20 * (nodes - 1) + 2; }

#endif
