/* An opening of one leaf of a Filecoin Merkle tree, shaped as
 * rust-fil-proofs' MerkleProof: the path in the base tree, and for a tree
 * split into several base trees (tree-c and tree-r-last of 32 GiB and
 * larger sectors) the paths over the base roots (sub) and over the sub
 * roots (top). C1's JSON and the update proofs' bincode both write it. */
#ifndef SEALER_MERKLE_PROOF_H
#define SEALER_MERKLE_PROOF_H

#include <stdint.h>

#include "trees/poseidon_tree.h"

#define MERKLE_MAX_LEVELS 32

typedef enum { MERKLE_SINGLE = 0, MERKLE_SUB = 1, MERKLE_TOP = 2 } merkle_kind;

typedef struct {
    unsigned len;                         /* levels, leaf upward */
    unsigned nsib[MERKLE_MAX_LEVELS];     /* siblings at each level: arity - 1 */
    uint8_t sib[MERKLE_MAX_LEVELS][7][32];
    uint64_t idx[MERKLE_MAX_LEVELS];      /* the node's place among its arity */
} merkle_path;

typedef struct {
    merkle_kind kind;
    merkle_path base, sub, top; /* sub with MERKLE_SUB and MERKLE_TOP, top with MERKLE_TOP */
    uint8_t root[32], leaf[32];
} merkle_proof;

/* The sub and top paths of base tree b of a compound tree, over the base
 * roots (base_count * 32 bytes); kind MERKLE_SINGLE when there is one base
 * tree. Leaves base, root and leaf alone. */
void merkle_compound_paths(const tree_shape *s, const uint8_t *base_roots, uint64_t b,
                           merkle_proof *m);

/* Opens a leaf of tree-r-last (leaf, base path, sub and top paths; not the
 * root). The rows it discarded (rows_to_discard) are rebuilt from the
 * replica segment under the node, as rust-fil-proofs' gen_cached_proof does;
 * the rows above are read from the base tree's file (tree_fd[b]). Dies
 * naming replica_name or "tree-r-last" on a short read. */
void merkle_open_r_last(const tree_shape *s, int replica_fd, const char *replica_name,
                        const int *tree_fd, const uint8_t *base_roots, uint64_t node,
                        merkle_proof *m);

#endif
