/* SDR labeling: all layers of one or several sectors sharing one graph.
 *
 * Labels inside a layer are strictly serial (node v-1 is always a parent of
 * v), so speed comes from keeping the SHA-256 core busy: parent labels are
 * fetched ahead of the hasher, either by a producer thread that copies them
 * into a ring buffer (one sector, two threads), or by software prefetch in
 * the hashing thread itself (several sectors, one hashing thread each). */
#ifndef SEALER_LABELS_H
#define SEALER_LABELS_H
#include <stddef.h>
#include <stdint.h>

#include "sdr/graph.h"

/* Called once per finished layer per sector, from a labeling thread. */
typedef void (*layer_done_fn)(void *ctx, size_t sector, unsigned layer, const uint8_t *labels,
                              uint64_t nodes);

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
    uint8_t (*last_labels)[32]; /* optional: receives each sector's last label */
} labels_job;

/* Bytes of RAM labeling needs: two layers per sector. */
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
