#define _XOPEN_SOURCE 700 /* nftw */
#include "cli/bench_data.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

void bench_write_field_file(const char *path, uint64_t size, uint64_t seed, uint64_t salt)
{
    atomic_file af;
    af_open(&af, path);
    size_t blk = 1 << 20;
    uint8_t *b = xmalloc(blk);
    uint64_t x = seed * 0x9e3779b97f4a7c15ULL + salt;
    for (uint64_t off = 0; off < size; off += blk) {
        size_t n = size - off < blk ? (size_t)(size - off) : blk;
        for (size_t i = 0; i < n; i += 8) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            memcpy(b + i, &x, 8);
        }
        for (size_t i = 31; i < n; i += 32)
            b[i] &= 0x3f;
        af_write(&af, b, n);
    }
    af_commit(&af);
    free(b);
}

void bench_write_layers(const char *cache, const seal_proof *p, uint64_t salt)
{
    for (unsigned l = 1; l <= p->layers; l++) {
        char name[64];
        snprintf(name, sizeof name, "sc-02-data-layer-%u.dat", l);
        char *lp = path_join(cache, name);
        bench_write_field_file(lp, p->sector_size, l, salt);
        free(lp);
    }
}

void bench_dir_open(bench_dir *d, const char *given, const char *name)
{
    d->owned = given == NULL;
    if (given) {
        d->path = given;
        return;
    }
    snprintf(d->tmpl, sizeof d->tmpl, "/tmp/sealer-bench-%s-XXXXXX", name);
    if (!mkdtemp(d->tmpl))
        die("bench %s: cannot create a temporary directory", name);
    d->path = d->tmpl;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void bench_dir_close(bench_dir *d, const char *name)
{
    if (d->owned && nftw(d->path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
        progress("bench %s: could not remove %s", name, d->path);
}
