#include "trees/treed.h"

#include <stdlib.h>
#include <string.h>

#include "hash/sha256.h"
#include "piece/commp.h"
#include "util/util.h"

#define CHUNK_BYTES (1u << 20)

void treed_build(int fd, const char *path, uint64_t sector_size, const char *out_path,
                 uint8_t root[32])
{
    uint64_t N = sector_size / 32;
    uint64_t chunk = sector_size < CHUNK_BYTES ? sector_size : CHUNK_BYTES;
    uint64_t chunk_leaves = chunk / 32, nchunks = sector_size / chunk;
    unsigned clog = log2u64(chunk_leaves), height = log2u64(N);
    uint64_t level_off[64];
    uint64_t off = 0;
    for (unsigned l = 0; l <= height; l++) {
        level_off[l] = off;
        off += (N >> l) * 32;
    }
    atomic_file af;
    if (out_path)
        af_open(&af, out_path);
    uint8_t *buf = xmalloc_aligned(chunk);
    uint8_t *roots = xmalloc_aligned(nchunks * 32);
    for (uint64_t c = 0; c < nchunks; c++) {
        pread_all_or_die(fd, buf, chunk, c * chunk, path);
        /* Reduce in place level by level so each level's slice of this
         * chunk can be written at its offset in the file. */
        uint64_t n = chunk_leaves;
        for (unsigned l = 0;; l++) {
            if (out_path)
                af_pwrite(&af, buf, n * 32, level_off[l] + c * n * 32);
            if (n == 1)
                break;
            sha256_active()->nodes(buf, buf, n / 2);
            n /= 2;
        }
        memcpy(roots + 32 * c, buf, 32);
    }
    /* Levels above the chunks. */
    uint64_t n = nchunks;
    for (unsigned l = clog + 1; n > 1; l++) {
        sha256_active()->nodes(roots, roots, n / 2);
        n /= 2;
        if (out_path)
            af_pwrite(&af, roots, n * 32, level_off[l]);
    }
    memcpy(root, roots, 32);
    if (out_path)
        af_commit(&af);
    free(buf);
    free(roots);
}
