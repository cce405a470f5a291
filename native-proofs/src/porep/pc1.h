/* PreCommit1: tree-d and comm_d, replica_id, and the SDR layers of one or
 * several same-size sectors that share the parent cache. */
#ifndef SEALER_PC1_H
#define SEALER_PC1_H
#include <stddef.h>
#include <stdint.h>

#include "porep/proofs.h"
#include "sdr/parent_cache.h"

typedef struct {
    /* inputs */
    uint64_t sector;
    const char *miner;
    const char *ticket_hex;
    const char *unsealed;
    const char *cache;
    const char *expect_comm_d; /* optional CID or hex */
    char *cache_abs;           /* owned: absolute form of cache */
    /* derived */
    uint64_t actor;
    uint8_t prover_id[32], ticket[32], comm_d[32], replica_id[32];
    uint8_t last_label[32];
} pc1_sector;

typedef struct {
    const seal_proof *proof;
    const char *parent_dir;
    unsigned threads;
    int no_producer;
    pc1_sector *sectors;
    size_t n;
    /* outputs */
    parent_cache pc;
    double label_seconds, tree_d_seconds, wall_seconds;
    unsigned hashers, producers, lanes;
    int pinned;
} pc1_job;

/* Checks every input (files, sizes, hex, directories, space, memory) and
 * dies with a one-line reason before any output is written. */
void pc1_validate(pc1_job *job);
void pc1_run(pc1_job *job);

/* Bytes of MemAvailable from /proc/meminfo (0 when unknown). */
uint64_t mem_available(void);

#endif
