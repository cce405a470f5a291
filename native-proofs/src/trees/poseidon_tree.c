#include "trees/poseidon_tree.h"

#include <stdio.h>
#include <string.h>

#include "field/fr.h"
#include "hash/poseidon.h"
#include "util/util.h"

static unsigned log8u(uint64_t n)
{
    unsigned l = 0;
    while (n > 1) {
        n >>= 3;
        l++;
    }
    return l;
}

unsigned rows_to_discard_for(uint64_t leaves)
{
    unsigned rows = log8u(leaves) + 1;
    if (rows <= 2)
        return 0;
    if (rows == 3)
        return 1;
    unsigned mx = rows - 2;
    return mx < 2 ? mx : 2; /* DEFAULT_ROWS_TO_DISCARD for arity 8 */
}

int tree_shape_for(tree_shape *s, uint64_t sector_size, unsigned layers)
{
    memset(s, 0, sizeof *s);
    s->sector_size = sector_size;
    s->nodes = sector_size / 32;
    s->layers = layers;
    switch (sector_size) {
    case 2048ULL:
    case 8ULL << 20:
    case 512ULL << 20:
        s->base_count = 1;
        break;
    case 32ULL << 30:
        s->base_count = 8;
        s->sub_arity = 8;
        break;
    case 64ULL << 30:
        s->base_count = 16;
        s->sub_arity = 8;
        s->top_arity = 2;
        break;
    default:
        return -1;
    }
    if (layers != 2 && layers != 11)
        return -1;
    s->base_leaves = s->nodes / s->base_count;
    s->height = log8u(s->base_leaves);
    if ((1ULL << (3 * s->height)) != s->base_leaves || s->height > PT_MAX_LEVELS)
        return -1;
    s->rtd = rows_to_discard_for(s->base_leaves);
    uint64_t off = 0, coff = 0;
    for (unsigned l = 0; l <= s->height; l++) {
        s->level_off[l] = off;
        off += s->base_leaves >> (3 * l);
        s->cached_off[l] = coff;
        if (l > s->rtd)
            coff += s->base_leaves >> (3 * l);
    }
    s->base_len = off;
    s->cached_len = coff;
    return 0;
}

void tree_c_name(const tree_shape *s, unsigned i, char out[64])
{
    if (s->base_count == 1)
        snprintf(out, 64, "sc-02-data-tree-c.dat");
    else
        snprintf(out, 64, "sc-02-data-tree-c-%u.dat", i);
}

void tree_r_name(const tree_shape *s, unsigned i, char out[64])
{
    if (s->base_count == 1)
        snprintf(out, 64, "sc-02-data-tree-r-last.dat");
    else
        snprintf(out, 64, "sc-02-data-tree-r-last-%u.dat", i);
}

void tree_compound_root(const tree_shape *s, const uint8_t *roots, uint8_t out[32])
{
    if (s->base_count == 1) {
        memcpy(out, roots, 32);
        return;
    }
    const poseidon_params *p8 = poseidon_params_get(8);
    if (!s->top_arity) {
        poseidon_hash_bytes(p8, roots, out);
        return;
    }
    uint8_t subs[64];
    poseidon_hash_bytes(p8, roots, subs);
    poseidon_hash_bytes(p8, roots + 8 * 32, subs + 32);
    poseidon_hash_bytes(poseidon_params_get(2), subs, out);
}

void column_hash(unsigned layers, const uint8_t *const *labels, uint8_t out[32])
{
    const poseidon_params *p = poseidon_params_get(layers);
    fr_t x[PT_MAX_LAYERS], h;
    for (unsigned k = 0; k < layers; k++)
        if (fr_from_bytes(&x[k], labels[k]) != 0)
            die("column hash: layer %u label is not a canonical field element", k + 1);
    poseidon_hash(p, x, &h);
    fr_to_bytes(out, &h);
}

uint64_t subtree_nodes(uint64_t n)
{
    uint64_t t = 0;
    for (; n >= 1; n >>= 3) {
        t += n;
        if (n == 1)
            break;
    }
    return t;
}

void octree_level(const uint8_t *in, uint8_t *out, uint64_t n)
{
    poseidon_hash_many(poseidon_params_get(8), in, out, n);
}

static void build_levels(uint8_t *base, uint64_t n)
{
    /* base holds n leaves; levels follow contiguously */
    uint8_t *cur = base;
    while (n > 1) {
        uint8_t *next = cur + n * 32;
        octree_level(cur, next, n / 8);
        cur = next;
        n /= 8;
    }
}

uint64_t tree_chunk_cpu(tree_chunk *c)
{
    const poseidon_params *pc = poseidon_params_get(c->layers);
    const uint8_t *lastl = c->lay[c->layers - 1];
    for (uint64_t i = 0; i < c->n; i++) {
        fr_t x[PT_MAX_LAYERS], h;
        for (unsigned k = 0; k < c->layers; k++)
            if (fr_from_bytes(&x[k], c->lay[k] + 32 * i) != 0)
                die("layer %u node %llu is not a canonical field element", k + 1,
                    (unsigned long long)i);
        poseidon_hash(pc, x, &h);
        fr_to_bytes(c->tree_c + 32 * i, &h);
        const uint8_t *d = c->data + 32 * i;
        if (!fr_bytes_canonical(d))
            return 1 + i;
        fr_add_bytes(c->replica + 32 * i, d, lastl + 32 * i);
    }
    build_levels(c->tree_c, c->n);
    if (c->n > 1) {
        octree_level(c->replica, c->tree_r, c->n / 8);
        build_levels(c->tree_r, c->n / 8);
    }
    return 0;
}
