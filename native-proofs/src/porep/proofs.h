/* Registered seal proofs, porep_id, prover ID and replica_id. */
#ifndef SEALER_PROOFS_H
#define SEALER_PROOFS_H
#include <stdint.h>

typedef enum { API_1_0 = 10, API_1_1 = 11, API_1_2 = 12 } api_version;

typedef struct {
    unsigned id;            /* RegisteredSealProof number, 0..19 */
    const char *name;       /* e.g. StackedDrg32GiBV1_1 */
    uint64_t sector_size;   /* bytes */
    api_version api;
    unsigned layers;        /* SDR layers */
    const char *labels_variant; /* PC1 output "labels" enum tag, by size */
} seal_proof;

/* NULL when id is unknown. */
const seal_proof *seal_proof_by_id(unsigned id);
const seal_proof *seal_proof_by_name(const char *name);
/* The proof for a size and API (1.0 -> V1, 1.1 -> V1_1); NULL if none. */
const seal_proof *seal_proof_for(uint64_t sector_size, api_version api);

void porep_id_of(unsigned proof_id, uint8_t out[32]);

/* "2KiB|8MiB|512MiB|32GiB|64GiB" or a byte count of one of those; 0 if not. */
uint64_t parse_sector_size(const char *s);
const char *sector_size_name(uint64_t size);
/* "1.0", "1.1", "1.2" -> api; returns 0 on success. */
int parse_api(const char *s, api_version *out);
const char *api_name(api_version v);

/* f01000 / t01000 -> prover ID (LEB128 of the actor id, zero-padded to 32
 * bytes, as filecoin-ffi toProverID). Returns 0 or -1 on a malformed address. */
int prover_id_from_miner(const char *miner, uint8_t out[32], uint64_t *actor);

/* SHA256(prover_id || BE64(sector) || ticket || comm_d || porep_id), top two
 * bits of byte 31 cleared. */
void replica_id_of(const uint8_t prover_id[32], uint64_t sector, const uint8_t ticket[32],
                   const uint8_t comm_d[32], const uint8_t porep_id[32], uint8_t out[32]);

#endif
