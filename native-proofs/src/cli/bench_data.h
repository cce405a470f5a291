/* Synthetic inputs shared by the benches that need sector-sized files. */
#ifndef SEALER_CLI_BENCH_DATA_H
#define SEALER_CLI_BENCH_DATA_H

#include <stdint.h>

#include "porep/proofs.h"

/* Writes size bytes of field elements (top two bits of each 32-byte word
 * cleared) from a xorshift stream that starts at seed * golden + salt; the
 * benches keep their own salts so their files stay as they were. */
void bench_write_field_file(const char *path, uint64_t size, uint64_t seed, uint64_t salt);

/* Writes the synthetic SDR layers sc-02-data-layer-<l>.dat of proof p into
 * cache, layer l seeded with l. */
void bench_write_layers(const char *cache, const seal_proof *p, uint64_t salt);

/* The directory a bench works in: the --dir it was given, or else a fresh
 * /tmp/sealer-bench-<name>-XXXXXX that bench_dir_close removes again. */
typedef struct {
    const char *path;
    int owned;
    char tmpl[64];
} bench_dir;

void bench_dir_open(bench_dir *d, const char *given, const char *name);
void bench_dir_close(bench_dir *d, const char *name);

#endif
