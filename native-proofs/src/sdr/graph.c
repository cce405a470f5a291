#include "sdr/graph.h"

#include <stdio.h>
#include <string.h>

#include "hash/chacha8.h"
#include "hash/sha256.h"

void graph_init(sdr_graph *g, uint64_t nodes, const uint8_t porep_id[32], api_version api)
{
    g->nodes = nodes;
    g->api = api;
    memcpy(g->porep_id, porep_id, 32);

    /* derive_porep_domain_seed: SHA256(tag || porep_id). */
    uint8_t buf[17 + 32], h[32];
    memcpy(buf, "Filecoin_DRSample", 17);
    memcpy(buf + 17, porep_id, 32);
    sha256(buf, 17 + 32, h);
    memcpy(g->drg_seed, h, 28);

    memcpy(buf, "Filecoin_Feistel", 16);
    memcpy(buf + 16, porep_id, 32);
    sha256(buf, 16 + 32, h);
    uint64_t keys[4];
    for (int i = 0; i < 4; i++) {
        uint64_t k = 0;
        for (int j = 7; j >= 0; j--)
            k = k << 8 | h[8 * i + j];
        keys[i] = k;
    }
    feistel_setup(&g->feistel, nodes * EXP_DEGREE, keys);
}

void graph_base_parents(const sdr_graph *g, uint64_t v, uint32_t out[BASE_DEGREE])
{
    if (v < 2) {
        memset(out, 0, BASE_DEGREE * sizeof *out);
        return;
    }
    uint8_t key[32];
    memcpy(key, g->drg_seed, 28);
    key[28] = (uint8_t)v;
    key[29] = (uint8_t)(v >> 8);
    key[30] = (uint8_t)(v >> 16);
    key[31] = (uint8_t)(v >> 24);
    /* 5 draws of two u64 each = 20 words: block 0 and 4 words of block 1. */
    uint32_t w[32];
    chacha8_block(key, 0, w);
    chacha8_block(key, 1, w + 16);

    uint64_t meta = v * (BASE_DEGREE - 1);
    /* ceil(log2(meta)) done in f64 upstream; equal to bit_length(meta-1)
     * for every meta this graph can produce. */
    uint64_t n_buckets = 64 - (uint64_t)__builtin_clzll(meta - 1);
    uint32_t rnd[BASE_DEGREE - 1];
    for (int k = 0; k < BASE_DEGREE - 1; k++) {
        uint64_t r1 = (uint64_t)w[4 * k] | (uint64_t)w[4 * k + 1] << 32;
        uint64_t r2 = (uint64_t)w[4 * k + 2] | (uint64_t)w[4 * k + 3] << 32;
        uint64_t bucket = r1 % n_buckets + 1;
        uint64_t largest = meta < (1ULL << bucket) ? meta : (1ULL << bucket);
        uint64_t smallest = (largest >> 1) > 2 ? (largest >> 1) : 2;
        uint64_t dist = smallest + r2 % (largest - smallest + 1);
        uint64_t p = (meta - dist) / (BASE_DEGREE - 1);
        rnd[k] = (uint32_t)(p == v ? v - 1 : p);
    }
    if (g->api == API_1_0) {
        memcpy(out, rnd, sizeof rnd);
        out[5] = (uint32_t)(v - 1);
    } else {
        out[0] = (uint32_t)(v - 1);
        memcpy(out + 1, rnd, sizeof rnd);
    }
}

void graph_exp_parents(const sdr_graph *g, uint64_t v, uint32_t out[EXP_DEGREE])
{
    uint64_t in[EXP_DEGREE], t[EXP_DEGREE];
    for (int i = 0; i < EXP_DEGREE; i++)
        in[i] = v * EXP_DEGREE + (uint64_t)i;
    feistel_permute8(&g->feistel, in, t);
    for (int i = 0; i < EXP_DEGREE; i++) {
        /* V1_0 truncates to u32 before dividing (the upstream "pathology"
         * that only shows for 32/64 GiB); later versions divide in u64. */
        if (g->api == API_1_0)
            out[i] = (uint32_t)t[i] / EXP_DEGREE;
        else
            out[i] = (uint32_t)(t[i] / EXP_DEGREE);
    }
}

void graph_parents(const sdr_graph *g, uint64_t v, uint32_t out[DEGREE])
{
    graph_base_parents(g, v, out);
    graph_exp_parents(g, v, out + BASE_DEGREE);
}

void graph_cache_id(const sdr_graph *g, char out[65])
{
    char ident[256];
    int n = snprintf(ident, sizeof ident,
                     "stacked_graph::StackedGraph{expansion_degree: 8 base_graph: "
                     "drgraph::BucketGraph{size: %llu; degree: 6; hasher: poseidon_hasher} }",
                     (unsigned long long)g->nodes);
    sha256_ctx c;
    sha256_init(&c);
    sha256_update(&c, "poseidon_hasher", 15);
    sha256_update(&c, ident, (size_t)n);
    uint8_t b[8];
    for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 8; j++)
            b[j] = (uint8_t)(g->feistel.keys[i] >> (8 * j));
        sha256_update(&c, b, 8);
    }
    for (int j = 0; j < 4; j++)
        b[j] = (uint8_t)(g->nodes >> (8 * j));
    sha256_update(&c, b, 4);
    uint8_t h[32];
    sha256_final(&c, h);
    static const char d[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        out[2 * i] = d[h[i] >> 4];
        out[2 * i + 1] = d[h[i] & 15];
    }
    out[64] = 0;
}
