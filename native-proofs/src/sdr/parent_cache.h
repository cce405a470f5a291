/* The parent cache: every node's 14 parents as little-endian u32, in
 * rust-fil-proofs' format and file name, so caches are shared with Lotus
 * workers on the same host. */
#ifndef SEALER_PARENT_CACHE_H
#define SEALER_PARENT_CACHE_H
#include <stddef.h>
#include <stdint.h>

#include "sdr/graph.h"

#define PARENT_CACHE_VERSION 28

typedef struct {
    char *path;
    uint64_t nodes;
    const uint32_t *parents; /* nodes * DEGREE entries */
    size_t map_len;
    int generated;         /* 1 when this call (re)built the file */
    int digest_checked;    /* 1 when the whole-file digest was compared */
} parent_cache;

/* FIL_PROOFS_PARENT_CACHE, else $FIL_PROOFS_CACHE_DIR/filecoin-parents,
 * else /var/tmp/filecoin-parents. Caller frees. */
char *parent_cache_default_dir(void);

/* "v28-sdr-parent-<id>" (no extension); out must hold 96 bytes. */
void parent_cache_stem(const sdr_graph *g, char out[96]);

/* Expected SHA-256 (hex) of the cache file from the upstream manifest, or
 * NULL for graphs the manifest does not list. */
const char *parent_cache_manifest_digest(const char *stem);

/* Opens (mmap, read-only) the cache for g under dir. A missing file, a file
 * of the wrong size, or one whose digest differs from the manifest (or, for
 * graphs outside the manifest, whose sampled entries differ from the graph)
 * is regenerated with `threads` threads. Errors are fatal. */
void parent_cache_open(parent_cache *pc, const sdr_graph *g, const char *dir, unsigned threads);
void parent_cache_close(parent_cache *pc);

/* Fills out[nodes*DEGREE] with the graph's parents (no file). */
void parents_fill(const sdr_graph *g, uint32_t *out, unsigned threads);

#endif
