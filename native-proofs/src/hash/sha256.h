/* SHA-256 (FIPS 180-4) with three compression back ends chosen at run time:
 * SHA-NI when cpuid reports it, else AVX2 (8 messages per instruction stream)
 * for the multi-buffer work, else portable C. SEALER_SHA=sha-ni|avx2|portable
 * forces one (SEALER_FORCE_PORTABLE_SHA=1 means portable unless SEALER_SHA is
 * set) so every path is testable on one machine; all give identical digests. */
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

/* A message made of a few distinct 64-byte blocks, some repeated: block b is
 * distinct block seq[b]. SDR labels have this shape (20 blocks, 5 or 9 of them
 * distinct), and a repeated block's message schedule need not be recomputed. */
#define SHA256_PATTERN_MAX 32
typedef struct {
    uint8_t nblocks, uniq;
    uint8_t seq[SHA256_PATTERN_MAX];
    uint64_t reused; /* bit u: distinct block u occurs more than once */
} sha256_pattern;

/* Fills pat from seq (entries < uniq, every distinct block used); returns -1
 * when the sizes exceed SHA256_PATTERN_MAX. */
int sha256_pattern_init(sha256_pattern *pat, const uint8_t *seq, size_t nblocks, size_t uniq);

/* Multi-buffer: `lanes` independent messages of the same pattern, compressed
 * side by side so the latency of one chain is hidden by the others. Distinct
 * block u of lane l is halves[l * 2 * uniq + 2u] (32 bytes) followed by
 * halves[l * 2 * uniq + 2u + 1]; st[l] is lane l's state. */
typedef void (*sha256_pattern_fn)(uint32_t (*st)[8], size_t lanes, const uint8_t *const *halves,
                                  const sha256_pattern *pat);

typedef struct {
    const char *name;
    sha256_blocks_fn blocks;
    sha256_halves_fn halves;
    sha256_nodes_fn nodes;
    sha256_pattern_fn pattern;
    /* Independent messages per pattern call that keep this back end busy:
     * the number of sectors one labeling thread should hash together. */
    unsigned lanes;
} sha256_impl;

/* W[t] + K[t] of the padding block of a 64-byte message (constant). */
extern const uint32_t SHA256_PAD64_WK[64];

/* The implementation in use (selected once: cpuid + SEALER_SHA). A forced
 * back end the CPU lacks is a fatal error naming the variable. */
const sha256_impl *sha256_active(void);
const sha256_impl *sha256_portable(void);
/* NULL when the CPU lacks SHA-NI (or SSE4.1/SSSE3). */
const sha256_impl *sha256_ni(void);
/* NULL when the CPU (or the OS) lacks AVX2. */
const sha256_impl *sha256_avx2(void);

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
