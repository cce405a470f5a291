/* Binary SHA-256 (trunc254) merkle roots: zero-piece commitments, commP of a
 * payload, and comm_d from a list of pieces. */
#ifndef SEALER_COMMP_H
#define SEALER_COMMP_H
#include <stdint.h>
#include <stdio.h>

#define COMMP_MIN_PAYLOAD 65 /* go-fil-commp-hashhash MinPiecePayload */

/* Z[i]: root of a tree of 2^i zero leaves (32 * 2^i zero bytes), i <= 63. */
const uint8_t *zero_comm(unsigned i);

/* Streaming merkle root over leaves (or whole aligned subtrees) pushed in
 * order; missing leaves at the end count as zero. */
typedef struct {
    uint8_t pending[64][32];
    uint64_t leaves; /* leaves consumed so far */
} merkle_stream;

void ms_init(merkle_stream *m);
/* Push n leaves (32 bytes each). The buffer is used as scratch (clobbered). */
void ms_push_leaves(merkle_stream *m, uint8_t *leaves, uint64_t n);
/* Root of the tree of 2^height leaves; unpushed leaves are zero. */
void ms_root(merkle_stream *m, unsigned height, uint8_t out[32]);

/* Root of 2^log2n contiguous leaves, computed in place (buf clobbered). */
void subtree_root_inplace(uint8_t *buf, unsigned log2n, uint8_t out[32]);

/* commP of a stream: fr32 of the payload zero-filled to a multiple of 127,
 * tree padded with zero subtrees to the next power of two. Returns 0 and
 * sets the padded and payload sizes, or -1 on read error (errno set); -2 if
 * the payload is shorter than COMMP_MIN_PAYLOAD. */
int commp_stream(FILE *f, uint8_t out[32], uint64_t *padded_size, uint64_t *payload_size);
int commp_buffer(const uint8_t *data, uint64_t len, uint8_t out[32], uint64_t *padded_size);
/* Padded piece size for a payload of len bytes (power of two >= 128). */
uint64_t commp_padded_size(uint64_t len);

typedef struct {
    uint8_t comm[32];
    uint64_t size; /* padded bytes, power of two >= 128 */
} piece_info;

/* comm_d of an ordered piece list by rust-fil-proofs' compute_comm_d rules
 * (the root of the smallest tree that holds the pieces; empty list gives
 * Z[log2(sector_size) - 5]). Returns NULL on success or a static message
 * naming the problem. */
const char *comm_d_from_pieces(const piece_info *p, size_t n, uint64_t sector_size,
                               uint8_t out[32]);

static inline int is_pow2(uint64_t x) { return x && !(x & (x - 1)); }
static inline unsigned log2u64(uint64_t x) { return 63 - (unsigned)__builtin_clzll(x); }

#endif
