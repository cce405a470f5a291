#define _GNU_SOURCE
#include "porep/unseal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "field/fr.h"
#include "field/fr32.h"
#include "porep/cid.h"
#include "porep/pc1.h"
#include "sdr/graph.h"
#include "sdr/labels.h"
#include "sdr/parent_cache.h"
#include "util/util.h"

typedef struct {
    uint8_t *last;
    unsigned layers;
} regen_ctx;

static void keep_last(void *ctx, size_t sector, unsigned layer, const layer_view *lv)
{
    regen_ctx *r = ctx;
    if (layer == r->layers)
        layer_view_copy(lv, 0, lv->nodes, r->last);
}

/* Regenerates the last layer (the key) of the whole sector. */
static uint8_t *regenerate_key(unseal_job *j)
{
    const seal_proof *p = j->proof;
    if (!j->miner || !j->ticket_hex || !j->has_sector)
        die("unseal: the cache has no sc-02-data-layer-%u.dat; give --miner, --sector and --ticket "
            "(and --comm-d or a tree-d file) to regenerate the key",
            p->layers);
    uint8_t prover[32], ticket[32], comm_d[32];
    uint64_t actor;
    if (prover_id_from_miner(j->miner, prover, &actor) != 0)
        die("unseal: --miner %s is not an ID address like f01000", j->miner);
    if (strlen(j->ticket_hex) != 64 || hex_decode(j->ticket_hex, ticket, 32) != 0)
        die("unseal: --ticket must be 64 hex characters");
    if (j->comm_d) {
        if (parse_comm(j->comm_d, comm_d) != 0)
            die("unseal: --comm-d %s is neither a baga... CID nor 64 hex characters", j->comm_d);
    } else {
        char *td = path_join(j->cache, "sc-02-data-tree-d.dat");
        int fd = open(td, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            die("unseal: no --comm-d and no tree-d file %s: %s", td, strerror(errno));
        pread_all_or_die(fd, comm_d, 32, (2 * (p->sector_size / 32) - 2) * 32, td);
        close(fd);
        free(td);
    }
    uint64_t N = p->sector_size / 32;
    uint64_t need = labels_memory_needed(N, 1) + N * 32;
    uint64_t avail = mem_available();
    if (avail && need > avail)
        die("unseal: regenerating the key needs %llu bytes of RAM, %llu available",
            (unsigned long long)need, (unsigned long long)avail);
    uint8_t porep_id[32], rid[32];
    porep_id_of(p->id, porep_id);
    replica_id_of(prover, j->sector, ticket, comm_d, porep_id, rid);
    sdr_graph g;
    graph_init(&g, N, porep_id, p->api);
    ensure_writable_dir(j->parent_dir, "parent cache directory");
    parent_cache pc;
    parent_cache_open(&pc, &g, j->parent_dir, j->threads);
    regen_ctx r = {xmalloc_aligned(N * 32), p->layers};
    labels_job lj = {0};
    lj.nodes = N;
    lj.layers = p->layers;
    lj.parents = pc.parents;
    lj.nsectors = 1;
    lj.replica_ids = (const uint8_t(*)[32])rid;
    lj.threads = j->threads;
    lj.on_layer = keep_last;
    lj.ctx = &r;
    progress("unseal: regenerating %u layers to recover the key", p->layers);
    labels_run(&lj);
    parent_cache_close(&pc);
    return r.last;
}

void unseal_run(unseal_job *j)
{
    double t0 = now_seconds();
    const seal_proof *p = j->proof;
    const uint64_t size = p->sector_size;
    if (!j->sealed)
        die("unseal: --sealed is required");
    if (!j->out)
        die("unseal: --out is required");
    if (!j->cache)
        die("unseal: --cache is required");
    struct stat st;
    if (stat(j->sealed, &st) != 0)
        die("unseal: cannot open sealed file %s: %s", j->sealed, strerror(errno));
    if ((uint64_t)st.st_size != size)
        die("unseal: sealed file %s has %lld bytes; a %s sector needs exactly %llu", j->sealed,
            (long long)st.st_size, sector_size_name(size), (unsigned long long)size);
    uint64_t cap = j->unpadded ? fr32_unpadded_of(size) : size;
    uint64_t off = j->has_range ? j->offset : 0, len = j->has_range ? j->length : cap;
    if (len == 0 || off > cap || len > cap - off)
        die("unseal: range offset %llu length %llu is outside the %s sector (%llu %s bytes)",
            (unsigned long long)off, (unsigned long long)len, sector_size_name(size),
            (unsigned long long)cap, j->unpadded ? "unpadded" : "padded");
    /* padded byte range to decode */
    uint64_t pstart, pend;
    if (j->unpadded) {
        fr32_quanta_of(off, len, &pstart, &pend);
    } else {
        pstart = off & ~31ULL;
        pend = (off + len + 31) & ~31ULL;
    }
    char name[64];
    snprintf(name, sizeof name, "sc-02-data-layer-%u.dat", p->layers);
    char *lp = path_join(j->cache, name);
    uint8_t *key_all = NULL;
    int kfd = open(lp, O_RDONLY | O_CLOEXEC);
    if (kfd >= 0) {
        if (fstat(kfd, &st) != 0 || (uint64_t)st.st_size != size)
            die("unseal: layer file %s has %lld bytes; expected %llu", lp, (long long)st.st_size,
                (unsigned long long)size);
        j->key_source = "layer-file";
    } else {
        key_all = regenerate_key(j);
        j->key_source = "regenerated";
    }
    int sfd = open(j->sealed, O_RDONLY | O_CLOEXEC);
    if (sfd < 0)
        die("unseal: cannot open sealed file %s: %s", j->sealed, strerror(errno));
    atomic_file af;
    af_open(&af, j->out);
    const uint64_t CH = 1 << 20; /* padded bytes per step, a multiple of 128 */
    uint8_t *rep = xmalloc_aligned(CH), *key = xmalloc_aligned(CH), *unp = xmalloc(CH);
    uint64_t written = 0;
    for (uint64_t pos = pstart; pos < pend; pos += CH) {
        uint64_t n = pend - pos < CH ? pend - pos : CH;
        pread_all_or_die(sfd, rep, n, pos, j->sealed);
        if (key_all)
            memcpy(key, key_all + pos, n);
        else
            pread_all_or_die(kfd, key, n, pos, lp);
        for (uint64_t i = 0; i < n; i += 32) {
            if (!fr_bytes_canonical(rep + i))
                die("unseal: sealed file %s: node %llu is not a field element (corrupt replica)",
                    j->sealed, (unsigned long long)((pos + i) / 32));
            fr_sub_bytes(rep + i, rep + i, key + i);
        }
        if (j->unpadded) {
            uint64_t count;
            const uint8_t *w = fr32_unpad_window(rep, pos, n, off, len, unp, &count);
            af_write(&af, w, count);
            written += count;
        } else {
            uint64_t a = off > pos ? off - pos : 0;
            uint64_t b = off + len < pos + n ? off + len - pos : n;
            af_write(&af, rep + a, b - a);
            written += b - a;
        }
    }
    af_commit(&af);
    close(sfd);
    if (kfd >= 0)
        close(kfd);
    free(lp);
    free(rep);
    free(key);
    free(unp);
    free(key_all);
    j->bytes = written;
    j->seconds = now_seconds() - t0;
}
