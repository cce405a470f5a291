/* SHA-256 (FIPS 180-4) with two compression back ends chosen at run time:
 * SHA-NI when cpuid reports it, portable C otherwise. SEALER_FORCE_PORTABLE_SHA=1
 * forces the portable path so both are testable on one machine. */
#ifndef SEALER_SHA256_H
#define SEALER_SHA256_H

#include <stddef.h>
#include <stdint.h>

extern const uint32_t SHA256_IV[8];
extern const uint32_t SHA256_K[64];

/* Compress nblocks contiguous 64-byte blocks into st. */
typedef void (*sha256_blocks_fn)(uint32_t st[8], const uint8_t *data, size_t nblocks);
/* Compress nblocks blocks where block i is halves[2i] (32 bytes) followed by
 * halves[2i+1] (32 bytes). Labels are built from 32-byte parent labels that
 * live in different places; this avoids copying them into one buffer. */
typedef void (*sha256_halves_fn)(uint32_t st[8], const uint8_t *const *halves, size_t nblocks);

/* out[i] = trunc254(SHA256(in[64i .. 64i+64])) for i < n: one merkle level.
 * out may equal in (each pair is read before its result is written). */
typedef void (*sha256_nodes_fn)(uint8_t *out, const uint8_t *in, size_t n);

/* Two independent halves-compressions at once. */
typedef void (*sha256_halves2_fn)(uint32_t sta[8], const uint8_t *const *ha, uint32_t stb[8],
                                  const uint8_t *const *hb, size_t nblocks);

typedef struct {
    const char *name;
    sha256_blocks_fn blocks;
    sha256_halves_fn halves;
    sha256_nodes_fn nodes;
    sha256_halves2_fn halves2;
} sha256_impl;

/* W[t] + K[t] of the padding block of a 64-byte message (constant). */
extern const uint32_t SHA256_PAD64_WK[64];

/* The implementation in use (selected once: cpuid + SEALER_FORCE_PORTABLE_SHA). */
const sha256_impl *sha256_active(void);
const sha256_impl *sha256_portable(void);
/* NULL when the CPU lacks SHA-NI (or SSE4.1/SSSE3). */
const sha256_impl *sha256_ni(void);

typedef struct {
    uint32_t st[8];
    uint8_t buf[64];
    size_t buflen;
    uint64_t total;
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t n);
void sha256_final(sha256_ctx *c, uint8_t out[32]);
void sha256(const void *data, size_t n, uint8_t out[32]);

/* State words to the 32 digest bytes (big-endian words). */
void sha256_state_bytes(const uint32_t st[8], uint8_t out[32]);

/* The padding block of a 64-byte message (0x80, zeros, bit length 512). */
extern const uint8_t SHA256_PAD64[64];

/* Filecoin's SHA-256 tree node: SHA256(l || r) with the two top bits of the
 * last byte cleared so the digest is a valid little-endian Fr. */
void sha256_node(const uint8_t l[32], const uint8_t r[32], uint8_t out[32]);

#endif
