/* Commit1: interactive challenges and vanilla proofs, written as the JSON
 * filecoin-ffi passes to Commit2 (filecoin-proofs-api
 * SealCommitPhase1Output), and verify-c1, which checks every opening and
 * recomputes every label and encoding. */
#ifndef SEALER_C1_H
#define SEALER_C1_H
#include <stdint.h>

#include "porep/proofs.h"
#include "trees/poseidon_tree.h"

/* Partitions and challenges per partition (interactive PoRep). */
void c1_counts(uint64_t sector_size, unsigned *partitions, unsigned *per_partition);
/* challenge = (LE(SHA256(replica_id || seed || u32le(j))) mod (N-1)) + 1 */
uint64_t c1_challenge(const uint8_t replica_id[32], const uint8_t seed[32], uint32_t j,
                      uint64_t nodes);

typedef struct {
    const seal_proof *proof;
    const char *miner;
    uint64_t sector;
    uint8_t prover_id[32], ticket[32], seed[32];
    const char *cache, *sealed, *out;
    /* outputs */
    uint8_t comm_d[32], comm_c[32], comm_r_last[32], comm_r[32], replica_id[32];
    unsigned partitions, per_partition;
    uint64_t *challenges; /* partitions * per_partition */
    uint64_t out_bytes;
    double seconds;
} c1_job;

void c1_validate(c1_job *j);
void c1_run(c1_job *j);

typedef struct {
    int valid;
    unsigned partitions, per_partition;
    uint64_t checks;
    char registered_proof[64];
    uint8_t comm_d[32], comm_r[32], replica_id[32], seed[32], ticket[32];
    char *errors_json; /* JSON array of {"partition","challenge","node","check","message"} */
    unsigned nerrors;
} c1_verdict;

/* Checks the C1 JSON in path; expect_* may be NULL. A malformed file is a
 * fatal one-line error; a well-formed but wrong proof is a verdict. */
void c1_verify_file(const char *path, const uint8_t *expect_comm_r, const uint8_t *expect_comm_d,
                    const uint8_t *expect_replica_id, c1_verdict *v);

#endif
