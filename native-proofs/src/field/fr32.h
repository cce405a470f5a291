/* fr32 padding: every 127 input bytes become 128 bytes, four 254-bit fields
 * each stored as a 32-byte little-endian value whose top two bits are 0. */
#ifndef SEALER_FR32_H
#define SEALER_FR32_H
#include <stddef.h>
#include <stdint.h>

/* One whole quantum: 127 bytes in, 128 bytes out. */
void fr32_pad_quantum(const uint8_t in[127], uint8_t out[128]);
/* Inverse of fr32_pad_quantum (bits 254/255 of each 32-byte chunk ignored). */
void fr32_unpad_quantum(const uint8_t in[128], uint8_t out[127]);

/* Fr32Reader semantics for a whole stream: the last partial quantum is
 * zero-filled and only ceil(8*len/254) 32-byte chunks of it are emitted.
 * Returns the number of output bytes (out must hold fr32_padded_len(len)). */
size_t fr32_pad(const uint8_t *in, size_t len, uint8_t *out);
size_t fr32_padded_len(size_t len);

/* The whole 128-byte quanta [*pstart, *pend) of a padded file that hold the
 * unpadded bytes [off, off + len), len > 0. */
void fr32_quanta_of(uint64_t off, uint64_t len, uint64_t *pstart, uint64_t *pend);
/* A read of an unpadded range in padded chunks: unpads the chunk of n bytes
 * (whole quanta) that starts at padded offset pos into scratch (n bytes) and
 * returns the part of it inside the unpadded range [off, off + len), its
 * length in *count. */
const uint8_t *fr32_unpad_window(const uint8_t *chunk, uint64_t pos, uint64_t n, uint64_t off,
                                 uint64_t len, uint8_t *scratch, uint64_t *count);

/* Unpadded/padded size relations for whole power-of-two pieces. */
static inline uint64_t fr32_unpadded_of(uint64_t padded) { return padded - padded / 128; }
static inline uint64_t fr32_padded_of(uint64_t unpadded) { return unpadded + unpadded / 127; }

#endif
