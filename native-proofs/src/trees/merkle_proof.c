#include "trees/merkle_proof.h"

#include <stdlib.h>
#include <string.h>

#include "hash/poseidon.h"
#include "util/util.h"

void merkle_compound_paths(const tree_shape *s, const uint8_t *base_roots, uint64_t b,
                           merkle_proof *m)
{
    memset(&m->sub, 0, sizeof m->sub);
    memset(&m->top, 0, sizeof m->top);
    m->kind = MERKLE_SINGLE;
    if (s->base_count == 1)
        return;
    uint64_t grp = b / 8, pos = b % 8;
    m->sub.len = 1;
    m->sub.nsib[0] = 7;
    m->sub.idx[0] = pos;
    for (unsigned k = 0, w = 0; k < 8; k++)
        if (k != pos)
            memcpy(m->sub.sib[0][w++], base_roots + (grp * 8 + k) * 32, 32);
    m->kind = MERKLE_SUB;
    if (s->top_arity) {
        /* The sibling of this group's sub root: the other group of eight base roots, hashed. */
        m->top.len = 1;
        m->top.nsib[0] = 1;
        m->top.idx[0] = grp;
        poseidon_hash_bytes(poseidon_params_get(8), base_roots + (grp ^ 1) * 8 * 32,
                            m->top.sib[0][0]);
        m->kind = MERKLE_TOP;
    }
}

void merkle_open_r_last(const tree_shape *s, int replica_fd, const char *replica_name,
                        const int *tree_fd, const uint8_t *base_roots, uint64_t node,
                        merkle_proof *m)
{
    uint64_t b = node / s->base_leaves, local = node % s->base_leaves;
    unsigned seg_levels = s->rtd + 1 <= s->height ? s->rtd + 1 : s->height;
    uint64_t seg = 1ULL << (3 * seg_levels), start = local & ~(seg - 1);
    uint8_t *lv = xmalloc(subtree_nodes(seg) * 32);
    pread_all_or_die(replica_fd, lv, seg * 32, (b * s->base_leaves + start) * 32, replica_name);
    memcpy(m->leaf, lv + (local - start) * 32, 32);
    uint64_t off[PT_MAX_LEVELS + 1], o = 0, n = seg;
    for (unsigned l = 0; l <= seg_levels; l++, n >>= 3) {
        off[l] = o;
        if (l < seg_levels)
            octree_level(lv + o * 32, lv + (o + n) * 32, n / 8);
        o += n;
    }
    memset(&m->base, 0, sizeof m->base);
    m->base.len = s->height;
    for (unsigned l = 0; l < s->height; l++) {
        uint64_t idx = local >> (3 * l), g = idx & ~7ULL;
        uint8_t grp[8][32];
        if (l < seg_levels)
            memcpy(grp, lv + (off[l] + (g - (start >> (3 * l)))) * 32, sizeof grp);
        else
            pread_all_or_die(tree_fd[b], grp, sizeof grp, (s->cached_off[l] + g) * 32,
                             "tree-r-last");
        m->base.nsib[l] = 7;
        m->base.idx[l] = idx & 7;
        for (unsigned k = 0, w = 0; k < 8; k++)
            if (k != (idx & 7))
                memcpy(m->base.sib[l][w++], grp[k], 32);
    }
    free(lv);
    merkle_compound_paths(s, base_roots, b, m);
}
