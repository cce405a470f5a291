/* Empty sector update (SnapDeals) as rust-fil-proofs' storage-proofs-update
 * defines it: per-size constants, the gen-randomness Poseidon (phi, rho),
 * partition challenges, the encode/decode/regen kernels over files, the
 * vanilla partition proofs (bincode) and their verifier. */
#ifndef SEALER_UPDATE_H
#define SEALER_UPDATE_H
#include <stddef.h>
#include <stdint.h>

#include "field/fr.h"
#include "trees/poseidon_tree.h"

typedef struct {
    uint64_t nodes;          /* N, a power of two */
    unsigned log2n;          /* challenge bit length, tree-d height */
    unsigned partitions, log2p;
    unsigned challenges;     /* per partition */
    unsigned h, h_select;    /* high bits that select rho; circuit selector */
    unsigned apex_leaves, log2apex;
    unsigned apex_height;    /* tree-d row holding the apex leaves */
    unsigned rb, cpd, dpp;   /* challenge bits, challenges per digest, digests per partition */
} update_params;

/* Constants for any power-of-two node count 2^5..2^31 (the challenge
 * vectors cover sizes that are not sectors); -1 otherwise. */
int update_params_for_nodes(update_params *u, uint64_t nodes);
/* RegisteredUpdateProof id and name for a sector size; -1 when not one of
 * the five sizes. */
int update_proof_id(uint64_t sector_size, const char **name);

/* The circuit's first public input for partition k: k | h_select << log2(partitions). */
uint64_t update_partition_input(const update_params *u, unsigned k);

/* Poseidon arity 2 with the custom gen-randomness domain tag 2^40. */
void update_hr(const fr_t *a, const fr_t *b, fr_t *out);
/* comm_r = Poseidon2 MerkleTree hash (comm_c, comm_r_last). */
void update_comm_r(const uint8_t comm_c[32], const uint8_t comm_r_last[32], uint8_t out[32]);
/* phi = Hr(comm_d_new, comm_r_old); -1 when an input is not a field element. */
int update_phi(const uint8_t comm_d_new[32], const uint8_t comm_r_old[32], uint8_t phi[32]);
/* rho(high) = Hr(phi, high) for high < 2^h (inverse ones when inverse != 0). */
fr_t *update_rhos(const update_params *u, const uint8_t phi[32], int inverse);

/* The challenges of partition k (u->challenges node indices). */
void update_challenges(const update_params *u, const uint8_t comm_r_new[32], unsigned k,
                       uint64_t *out);

/* ---- the file kernels (update_kernel.c) -------------------------------- */

typedef enum { UPD_ENCODE, UPD_DECODE, UPD_REGEN } upd_mode;

typedef struct {
    upd_mode mode;
    uint64_t sector_size;
    unsigned threads;
    /* encode: key=sector key, data=staged data, out=new replica, out_cache=update-cache;
     * decode: replica, key, key_cache (p_aux) or comm_r_old, out=data;
     * regen:  replica, replica_cache (p_aux, t_aux), data, out=key, out_cache=key cache. */
    const char *key, *key_cache, *data, *replica, *replica_cache, *out, *out_cache;
    int has_comm_d, has_comm_r_old;
    uint8_t comm_d_new[32];  /* decode/regen input; encode: expected when has_comm_d */
    uint8_t comm_r_old[32];  /* decode/regen input when has_comm_r_old */
    const tree_shape *shape_override; /* tests: a small compound shape instead of the sector's */
    int has_range;           /* decode: nodes [node_off, node_off + node_count) */
    uint64_t node_off, node_count;
    /* outputs */
    update_params u;
    tree_shape shape;
    uint8_t comm_c[32], comm_r_last[32], comm_r[32], phi[32];
    double seconds, tree_d_seconds;
} update_job;

void update_run(update_job *j);

/* ---- vanilla proofs (update_proof.c) ----------------------------------- */

typedef struct {
    uint64_t sector_size;
    unsigned threads;
    const char *key, *key_cache, *replica, *replica_cache;
    uint8_t comm_r_old[32], comm_r_new[32], comm_d_new[32];
    int has_comm_r_old, has_comm_r_new, has_comm_d_new;
    const tree_shape *shape_override; /* tests, as in update_job */
    /* outputs */
    update_params u;
    uint8_t **proofs;   /* partitions bincode blobs */
    size_t *lens;
    uint64_t *challenges; /* partitions * challenges */
    double seconds;
} update_prove_job;

void update_prove(update_prove_job *j);

typedef struct {
    unsigned partition, challenge;
    uint64_t node;
    char check[32];
    char message[240];
} update_problem;

typedef struct {
    int valid;
    unsigned partitions_checked;
    unsigned nproblems;
    update_problem *problems;
} update_verdict;

/* Verifies partition proofs (bincode blobs) against the public inputs; a
 * malformed blob is a problem naming the partition and the byte offset. */
void update_verify(const update_params *u, uint64_t sector_size, const uint8_t *const *proofs,
                   const size_t *lens, unsigned nproofs, const uint8_t comm_r_old[32],
                   const uint8_t comm_d_new[32], const uint8_t comm_r_new[32], update_verdict *v);
/* The same for a given tree shape (tests use small compound shapes). */
void update_verify_shape(const update_params *u, const tree_shape *s,
                         const uint8_t *const *proofs, const size_t *lens, unsigned nproofs,
                         const uint8_t comm_r_old[32], const uint8_t comm_d_new[32],
                         const uint8_t comm_r_new[32], update_verdict *v);

#endif
