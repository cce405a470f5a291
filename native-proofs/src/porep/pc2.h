/* PreCommit2: column hashes and tree-c, encoding (replica = data + key),
 * tree-r-last, comm_c / comm_r_last / comm_r, written with Lotus's names:
 * sc-02-data-tree-c[-i].dat, sc-02-data-tree-r-last[-i].dat, p_aux, t_aux,
 * and the sealed file. Every output is written under a temporary name,
 * fsynced, and renamed only after the whole computation succeeded. */
#ifndef SEALER_PC2_H
#define SEALER_PC2_H
#include <stdint.h>

#include "porep/proofs.h"
#include "trees/poseidon_tree.h"

typedef enum { ENGINE_AUTO = 0, ENGINE_CPU = 1, ENGINE_GPU = 2 } pc2_engine;

typedef struct {
    const seal_proof *proof;
    const char *cache;
    const char *unsealed;
    const char *sealed;
    unsigned threads;
    pc2_engine engine;
    int no_t_aux; /* as rust-fil-proofs with fixed-rows-to-discard */
    /* outputs */
    tree_shape shape;
    uint8_t comm_d[32], comm_c[32], comm_r_last[32], comm_r[32];
    const char *engine_used;
    double seconds, tree_d_seconds;
    double compute_seconds; /* trees and replica, before the fsync/rename of the outputs */
    int tree_d_built;
} pc2_job;

void pc2_validate(pc2_job *j);
void pc2_run(pc2_job *j);

/* bincode(TemporaryAux) as rust-fil-proofs persists it; *len bytes. */
uint8_t *t_aux_bytes(const seal_proof *p, const tree_shape *s, const char *cache, size_t *len);

#endif
