/* Poseidon Merkle trees as rust-fil-proofs/merkletree lay them out:
 * sector shapes (base/sub/top), rows_to_discard, DiskStore and LevelCache
 * file layouts, compound roots, column hashes, and the chunk kernel that
 * PC2 runs on the CPU or the GPU. */
#ifndef SEALER_POSEIDON_TREE_H
#define SEALER_POSEIDON_TREE_H
#include <stddef.h>
#include <stdint.h>

#define PT_MAX_LAYERS 11
#define PT_MAX_LEVELS 12

typedef struct {
    uint64_t sector_size;
    uint64_t nodes;        /* N */
    unsigned layers;       /* column arity */
    unsigned base_count;   /* 1, 8 or 16 base trees */
    unsigned sub_arity;    /* 0 or 8 */
    unsigned top_arity;    /* 0 or 2 */
    uint64_t base_leaves;  /* N / base_count, a power of 8 */
    unsigned height;       /* log8(base_leaves): levels above the leaves */
    unsigned rtd;          /* rows_to_discard of tree-r-last */
    uint64_t base_len;     /* nodes of one full base tree (DiskStore) */
    uint64_t cached_len;   /* nodes kept in one tree-r-last file */
    uint64_t level_off[PT_MAX_LEVELS + 1];   /* node offset of level l in a DiskStore */
    uint64_t cached_off[PT_MAX_LEVELS + 1];  /* node offset of level l in a LevelCache file */
} tree_shape;

/* Fills the shape for a sector size and layer count; 0 or -1 (unsupported). */
int tree_shape_for(tree_shape *s, uint64_t sector_size, unsigned layers);
/* storage-proofs-core default_rows_to_discard for arity 8 (R = 2). */
unsigned rows_to_discard_for(uint64_t leaves);

/* File names: "sc-02-data-tree-c.dat" or "sc-02-data-tree-c-<i>.dat". */
void tree_c_name(const tree_shape *s, unsigned i, char out[64]);
void tree_r_name(const tree_shape *s, unsigned i, char out[64]);

/* The compound root of the base-tree roots (identity, P8 over 8, P2 over two
 * P8s). roots: base_count * 32 bytes. */
void tree_compound_root(const tree_shape *s, const uint8_t *roots, uint8_t out[32]);

/* Column hash of one node: P_layers(label_1 .. label_L). */
void column_hash(unsigned layers, const uint8_t *const *labels, uint8_t out[32]);

/* The unit of PC2 work: n leaves (a power of 8) of one base tree.
 *   in:  layers[k] -> n*32 bytes of layer k+1 at the chunk (k < L)
 *        data      -> n*32 bytes of unsealed data at the chunk
 *   out: tree_c    -> all levels of the chunk's tree-c subtree, leaves first
 *                     (n + n/8 + ... + 1 nodes)
 *        replica   -> n*32 bytes, data + label_L
 *        tree_r    -> all levels of the tree-r subtree above the leaves
 *                     (n/8 + ... + 1 nodes)
 * Returns 0, or 1 + the index of the first data node that is not a
 * canonical field element. */
typedef struct {
    unsigned layers;
    uint64_t n;
    unsigned levels; /* log8(n) */
    const uint8_t *lay[PT_MAX_LAYERS];
    const uint8_t *data;
    uint8_t *tree_c;
    uint8_t *replica;
    uint8_t *tree_r;
} tree_chunk;

uint64_t tree_chunk_cpu(tree_chunk *c);
/* Tree nodes of a subtree over n leaves including the leaves. */
uint64_t subtree_nodes(uint64_t n);

/* One octree level: out[k] = P8(in[8k..8k+8]), n outputs. */
void octree_level(const uint8_t *in, uint8_t *out, uint64_t n);

#endif
