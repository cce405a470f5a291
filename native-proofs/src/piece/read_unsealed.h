/* ReadUnsealed from an unsealed copy: the unpadded bytes [offset,
 * offset + length) of a sector's fr32-padded unsealed file, the view of the
 * sector's data that Lotus's ReadPiece offsets count in. */
#ifndef SEALER_READ_UNSEALED_H
#define SEALER_READ_UNSEALED_H
#include <stdint.h>

/* Writes the range to `out` (atomically) and returns its length; a file that
 * is not the sector's size or a range outside the sector's unpadded bytes
 * ends with an error naming the flag. */
uint64_t read_unsealed_range(const char *unsealed, uint64_t sector_size, uint64_t offset,
                             uint64_t length, const char *out);

#endif
