#define _GNU_SOURCE
#include "porep/pc1.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "porep/cid.h"
#include "sdr/labels.h"
#include "trees/treed.h"
#include "util/util.h"

uint64_t mem_available(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    if (!f)
        return 0;
    char line[256];
    unsigned long long kb = 0;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "MemAvailable: %llu kB", &kb) == 1)
            break;
    fclose(f);
    return (uint64_t)kb * 1024;
}

static uint64_t cache_bytes_needed(const seal_proof *p)
{
    uint64_t N = p->sector_size / 32;
    return (uint64_t)p->layers * N * 32 + (2 * N - 1) * 32;
}

void pc1_validate(pc1_job *j)
{
    const seal_proof *p = j->proof;
    if (j->n == 0)
        die("pc1 needs at least one --sector");
    for (size_t i = 0; i < j->n; i++) {
        pc1_sector *s = &j->sectors[i];
        if (!s->miner)
            die("sector %llu: --miner is required", (unsigned long long)s->sector);
        if (prover_id_from_miner(s->miner, s->prover_id, &s->actor) != 0)
            die("sector %llu: --miner %s is not an ID address like f01000 or t01000",
                (unsigned long long)s->sector, s->miner);
        if (!s->ticket_hex)
            die("sector %llu: --ticket is required", (unsigned long long)s->sector);
        size_t tl = strlen(s->ticket_hex);
        if (tl != 64)
            die("sector %llu: --ticket must be 64 hex characters (32 bytes), got %zu characters",
                (unsigned long long)s->sector, tl);
        if (hex_decode(s->ticket_hex, s->ticket, 32) != 0)
            die("sector %llu: --ticket %s is not valid hex", (unsigned long long)s->sector,
                s->ticket_hex);
        if (s->expect_comm_d) {
            uint8_t c[32];
            if (parse_comm(s->expect_comm_d, c) != 0)
                die("sector %llu: --comm-d %s is neither a baga... CID nor 64 hex characters",
                    (unsigned long long)s->sector, s->expect_comm_d);
        }
        if (!s->unsealed)
            die("sector %llu: --unsealed is required", (unsigned long long)s->sector);
        struct stat st;
        if (stat(s->unsealed, &st) != 0)
            die("sector %llu: cannot open unsealed file %s: %s", (unsigned long long)s->sector,
                s->unsealed, strerror(errno));
        if (!S_ISREG(st.st_mode))
            die("sector %llu: unsealed file %s is not a regular file",
                (unsigned long long)s->sector, s->unsealed);
        if ((uint64_t)st.st_size != p->sector_size)
            die("sector %llu: unsealed file %s has %lld bytes; a %s sector needs exactly %llu",
                (unsigned long long)s->sector, s->unsealed, (long long)st.st_size,
                sector_size_name(p->sector_size), (unsigned long long)p->sector_size);
        if (!s->cache)
            die("sector %llu: --cache is required", (unsigned long long)s->sector);
        ensure_writable_dir(s->cache, "cache directory");
        /* Outputs name the cache by absolute path, as Lotus records it. */
        s->cache_abs = realpath(s->cache, NULL);
        if (!s->cache_abs)
            die("cache directory %s: %s", s->cache, strerror(errno));
        s->cache = s->cache_abs;
        for (size_t k = 0; k < i; k++) {
            if (strcmp(j->sectors[k].cache, s->cache) == 0)
                die("sectors %llu and %llu share cache directory %s",
                    (unsigned long long)j->sectors[k].sector, (unsigned long long)s->sector,
                    s->cache);
            if (j->sectors[k].sector == s->sector && strcmp(j->sectors[k].miner, s->miner) == 0)
                die("sector %llu is listed twice", (unsigned long long)s->sector);
        }
    }
    ensure_writable_dir(j->parent_dir, "parent cache directory");
    /* Space: sectors whose cache directories share a filesystem share its
     * free space. */
    for (size_t i = 0; i < j->n; i++) {
        struct stat a;
        stat(j->sectors[i].cache, &a);
        uint64_t need = 0;
        for (size_t k = 0; k < j->n; k++) {
            struct stat b;
            stat(j->sectors[k].cache, &b);
            if (a.st_dev == b.st_dev)
                need += cache_bytes_needed(p);
        }
        uint64_t avail = fs_free_bytes(j->sectors[i].cache);
        if (avail < need)
            die("not enough space in cache directory %s: PC1 needs %llu bytes, %llu available",
                j->sectors[i].cache, (unsigned long long)need, (unsigned long long)avail);
    }
    uint64_t mem = labels_memory_needed(p->sector_size / 32, j->n);
    uint64_t avail = mem_available();
    if (avail && mem > avail)
        die("not enough memory: labeling %zu %s sector(s) keeps two layers each in RAM, "
            "%llu bytes, %llu available",
            j->n, sector_size_name(p->sector_size), (unsigned long long)mem,
            (unsigned long long)avail);
}

/* Layer files are written from the labeling thread in 1 MiB pieces: a batch
 * keeps its layers interleaved, so each sector's labels are gathered. */
#define LAYER_WRITE_NODES (1u << 15)

static void write_layer(void *ctx, size_t sector, unsigned layer, const layer_view *lv)
{
    pc1_job *j = ctx;
    char name[64];
    snprintf(name, sizeof name, "sc-02-data-layer-%u.dat", layer);
    char *path = path_join(j->sectors[sector].cache, name);
    atomic_file af;
    af_open(&af, path);
    if (lv->stride == 32) {
        af_write(&af, lv->base, lv->nodes * 32);
    } else {
        uint8_t *piece = xmalloc_aligned(32 * LAYER_WRITE_NODES);
        for (uint64_t v = 0; v < lv->nodes; v += LAYER_WRITE_NODES) {
            uint64_t n = lv->nodes - v < LAYER_WRITE_NODES ? lv->nodes - v : LAYER_WRITE_NODES;
            layer_view_copy(lv, v, n, piece);
            af_write(&af, piece, n * 32);
        }
        free(piece);
    }
    af_commit(&af);
    progress("sector %llu: layer %u written", (unsigned long long)j->sectors[sector].sector,
             layer);
    free(path);
}

void pc1_run(pc1_job *j)
{
    const seal_proof *p = j->proof;
    double t0 = now_seconds();
    uint8_t porep_id[32];
    porep_id_of(p->id, porep_id);
    for (size_t i = 0; i < j->n; i++) {
        pc1_sector *s = &j->sectors[i];
        int fd = open(s->unsealed, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            die("cannot open unsealed file %s: %s", s->unsealed, strerror(errno));
        char *tpath = path_join(s->cache, "sc-02-data-tree-d.dat");
        progress("sector %llu: building tree-d", (unsigned long long)s->sector);
        treed_build(fd, s->unsealed, p->sector_size, tpath, s->comm_d);
        close(fd);
        free(tpath);
        if (s->expect_comm_d) {
            uint8_t want[32];
            parse_comm(s->expect_comm_d, want);
            if (memcmp(want, s->comm_d, 32) != 0) {
                char got[COMM_CID_LEN + 1];
                commd_to_cid(s->comm_d, got);
                die("sector %llu: comm_d of %s is %s, not the expected %s",
                    (unsigned long long)s->sector, s->unsealed, got, s->expect_comm_d);
            }
        }
        replica_id_of(s->prover_id, s->sector, s->ticket, s->comm_d, porep_id, s->replica_id);
    }
    j->tree_d_seconds = now_seconds() - t0;

    sdr_graph g;
    graph_init(&g, p->sector_size / 32, porep_id, p->api);
    parent_cache_open(&j->pc, &g, j->parent_dir, j->threads);

    uint8_t(*rids)[32] = xcalloc(j->n, 32);
    uint8_t(*last)[32] = xcalloc(j->n, 32);
    for (size_t i = 0; i < j->n; i++)
        memcpy(rids[i], j->sectors[i].replica_id, 32);
    labels_job lj = {0};
    lj.nodes = g.nodes;
    lj.layers = p->layers;
    lj.parents = j->pc.parents;
    lj.nsectors = j->n;
    lj.replica_ids = (const uint8_t(*)[32])rids;
    lj.threads = j->threads;
    lj.no_producer = j->no_producer;
    lj.on_layer = write_layer;
    lj.ctx = j;
    lj.last_labels = last;
    progress("labeling %zu sector(s), %u layers of %llu nodes", j->n, p->layers,
             (unsigned long long)g.nodes);
    labels_run(&lj);
    for (size_t i = 0; i < j->n; i++)
        memcpy(j->sectors[i].last_label, last[i], 32);
    j->label_seconds = lj.seconds;
    j->hashers = lj.hashers;
    j->producers = lj.producers;
    j->lanes = lj.lanes;
    j->pinned = lj.pinned;
    j->wall_seconds = now_seconds() - t0;
    free(rids);
    free(last);
}
