/* tree-d: the binary SHA-256 (trunc254) tree over the unsealed sector,
 * persisted like merkletree's DiskStore: leaves first, then each level up to
 * the root, (2N-1)*32 bytes. Its root is comm_d. */
#ifndef SEALER_TREED_H
#define SEALER_TREED_H
#include <stdint.h>

/* Reads sector_size bytes from fd (named path in errors). When out_path is
 * non-NULL the whole tree is written there atomically. */
void treed_build(int fd, const char *path, uint64_t sector_size, const char *out_path,
                 uint8_t root[32]);

#endif
