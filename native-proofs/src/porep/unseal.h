/* Unseal: data = replica - key (key = the last SDR layer), for the whole
 * sector or a byte range (ReadUnsealed). The key comes from the cache's
 * last layer file, or is regenerated from the ticket when the layers are
 * gone (as after Finalize). */
#ifndef SEALER_UNSEAL_H
#define SEALER_UNSEAL_H
#include <stdint.h>

#include "porep/proofs.h"

typedef struct {
    const seal_proof *proof;
    const char *cache, *sealed, *out;
    int has_range, unpadded;
    uint64_t offset, length;
    /* for regenerating the key */
    const char *miner, *ticket_hex, *comm_d, *parent_dir;
    int has_sector;
    uint64_t sector;
    unsigned threads;
    /* outputs */
    uint64_t bytes;
    const char *key_source;
    double seconds;
} unseal_job;

void unseal_run(unseal_job *j);

#endif
