/* The SDR graph: 6 DRG (bucket-sampled) parents in the same layer and 8
 * expander (Feistel) parents in the previous layer, for a given node count,
 * porep_id and API version. */
#ifndef SEALER_GRAPH_H
#define SEALER_GRAPH_H
#include <stdint.h>

#include "porep/proofs.h"
#include "sdr/feistel.h"

#define BASE_DEGREE 6
#define EXP_DEGREE 8
#define DEGREE 14

typedef struct {
    uint64_t nodes;
    api_version api;
    uint8_t porep_id[32];
    uint8_t drg_seed[28];
    feistel_params feistel;
} sdr_graph;

void graph_init(sdr_graph *g, uint64_t nodes, const uint8_t porep_id[32], api_version api);
void graph_base_parents(const sdr_graph *g, uint64_t v, uint32_t out[BASE_DEGREE]);
void graph_exp_parents(const sdr_graph *g, uint64_t v, uint32_t out[EXP_DEGREE]);
/* Slot order of the parent cache: base[0..6] then expander[0..8]. */
void graph_parents(const sdr_graph *g, uint64_t v, uint32_t out[DEGREE]);

/* Lowercase hex of the parent-cache identity hash (the file stem after
 * "v28-sdr-parent-"). */
void graph_cache_id(const sdr_graph *g, char out[65]);

#endif
