/* AddPiece: lay payloads out in an unsealed sector file the way Lotus does
 * (fr32-padded, each piece aligned to its own padded size) and fill the rest
 * of the sector with zero pieces. */
#ifndef SEALER_ADDPIECE_H
#define SEALER_ADDPIECE_H
#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *input;  /* NULL for a zero (filler) piece */
    uint8_t comm[32];
    uint64_t size;      /* padded */
    uint64_t offset;    /* padded offset in the sector */
    uint64_t payload;   /* payload bytes (0 for fillers) */
} ap_piece;

typedef struct {
    ap_piece *pieces;
    size_t n;
    uint8_t comm_d[32];
} ap_result;

/* rust-fil-proofs get_piece_alignment, in unpadded bytes: zeros to write
 * before a piece (left) and after it (right) given what is already written. */
void piece_alignment(uint64_t written, uint64_t piece, uint64_t *left, uint64_t *right);

void add_piece_run(uint64_t sector_size, const char *const *inputs, size_t ninputs,
                   const char *unsealed, ap_result *res);

#endif
