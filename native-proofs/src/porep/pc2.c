#define _GNU_SOURCE
#include "porep/pc2.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gpu/gpu.h"
#include "hash/poseidon.h"
#include "trees/treed.h"
#include "util/util.h"

static void need_file(const char *path, uint64_t size, const char *what)
{
    struct stat st;
    if (stat(path, &st) != 0)
        die("pc2: cannot open %s %s: %s", what, path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        die("pc2: %s %s is not a regular file", what, path);
    if ((uint64_t)st.st_size != size)
        die("pc2: %s %s has %lld bytes; expected %llu", what, path, (long long)st.st_size,
            (unsigned long long)size);
}

static char *layer_path(const char *cache, unsigned l)
{
    char name[64];
    snprintf(name, sizeof name, "sc-02-data-layer-%u.dat", l);
    return path_join(cache, name);
}

void pc2_validate(pc2_job *j)
{
    const seal_proof *p = j->proof;
    if (tree_shape_for(&j->shape, p->sector_size, p->layers) != 0)
        die("pc2: unsupported sector shape for %s", p->name);
    if (!j->cache)
        die("pc2: --cache is required");
    if (!j->unsealed)
        die("pc2: --unsealed is required");
    if (!j->sealed)
        die("pc2: --sealed is required");
    struct stat st;
    if (stat(j->cache, &st) != 0 || !S_ISDIR(st.st_mode))
        die("pc2: cache directory %s does not exist (run pc1 first)", j->cache);
    for (unsigned l = 1; l <= p->layers; l++) {
        char *lp = layer_path(j->cache, l);
        need_file(lp, p->sector_size, "layer file");
        free(lp);
    }
    need_file(j->unsealed, p->sector_size, "unsealed file");
    char *sdir = xstrdup(j->sealed);
    char *slash = strrchr(sdir, '/');
    if (slash)
        *slash = 0;
    ensure_writable_dir(slash ? (*sdir ? sdir : "/") : ".", "sealed file directory");
    ensure_writable_dir(j->cache, "cache directory");
    const tree_shape *s = &j->shape;
    uint64_t need = (uint64_t)s->base_count * (s->base_len + s->cached_len) * 32 + 4096;
    uint64_t avail = fs_free_bytes(j->cache);
    if (avail < need)
        die("pc2: not enough space in cache directory %s: the trees need %llu bytes, %llu "
            "available",
            j->cache, (unsigned long long)need, (unsigned long long)avail);
    avail = fs_free_bytes(slash ? (*sdir ? sdir : "/") : ".");
    if (avail < p->sector_size)
        die("pc2: not enough space for the sealed file %s: %llu bytes needed, %llu available",
            j->sealed, (unsigned long long)p->sector_size, (unsigned long long)avail);
    free(sdir);
    if (j->engine == ENGINE_GPU && gpu_device_count() <= 0)
        die("pc2: --engine gpu requested but no GPU is usable: %s", gpu_describe());
}

/* ---- t_aux (bincode 1.x: u64 LE lengths, Option = tag byte + value) ---- */

typedef struct {
    uint8_t *b;
    size_t n, cap;
} buf_t;

static void bput(buf_t *b, const void *p, size_t n)
{
    if (b->n + n > b->cap) {
        b->cap = (b->n + n) * 2 + 64;
        uint8_t *nb = xmalloc(b->cap);
        if (b->b) {
            memcpy(nb, b->b, b->n);
            free(b->b);
        }
        b->b = nb;
    }
    memcpy(b->b + b->n, p, n);
    b->n += n;
}

static void bu64(buf_t *b, uint64_t v)
{
    uint8_t x[8];
    for (int i = 0; i < 8; i++)
        x[i] = (uint8_t)(v >> (8 * i));
    bput(b, x, 8);
}

static void bstr(buf_t *b, const char *s)
{
    bu64(b, strlen(s));
    bput(b, s, strlen(s));
}

static void store_config(buf_t *b, const char *path, const char *id, uint64_t size, uint64_t rtd)
{
    bstr(b, path);
    bstr(b, id);
    uint8_t some = 1;
    bput(b, &some, 1);
    bu64(b, size);
    bu64(b, rtd);
}

uint8_t *t_aux_bytes(const seal_proof *p, const tree_shape *s, const char *cache, size_t *len)
{
    buf_t b = {0};
    bu64(&b, p->layers); /* Labels.labels: Vec<StoreConfig> */
    for (unsigned l = 1; l <= p->layers; l++) {
        char id[32];
        snprintf(id, sizeof id, "layer-%u", l);
        store_config(&b, cache, id, s->nodes, 0);
    }
    store_config(&b, cache, "tree-d", 2 * s->nodes - 1, 0);
    store_config(&b, cache, "tree-r-last", s->base_len, s->rtd);
    store_config(&b, cache, "tree-c", s->base_len, 0);
    *len = b.n;
    return b.b;
}

/* ---- the parallel chunk driver ----------------------------------------- */

typedef struct {
    pc2_job *j;
    int layer_fd[PT_MAX_LAYERS];
    int data_fd;
    atomic_file *tc, *tr, *sealed;
    uint64_t chunk;       /* leaves per chunk */
    unsigned clevels;     /* log8(chunk) */
    uint64_t per_base;    /* chunks per base tree */
    uint64_t total;       /* chunks */
    uint64_t next;        /* atomic */
    uint8_t *roots_c, *roots_r; /* total * 32 */
    int gpu;
    uint64_t done;        /* atomic, for progress */
} drv_t;

static void *pc2_worker(void *arg)
{
    drv_t *d = arg;
    const tree_shape *s = &d->j->shape;
    const unsigned L = s->layers;
    const uint64_t n = d->chunk;
    uint8_t *lay[PT_MAX_LAYERS];
    for (unsigned k = 0; k < L; k++)
        lay[k] = xmalloc_aligned(n * 32);
    uint8_t *data = xmalloc_aligned(n * 32);
    uint64_t sub = subtree_nodes(n);
    uint8_t *tree_c = xmalloc_aligned(sub * 32);
    uint8_t *replica = xmalloc_aligned(n * 32);
    uint8_t *tree_r = xmalloc_aligned((sub - n + 1) * 32);
    for (;;) {
        uint64_t ci = __atomic_fetch_add(&d->next, 1, __ATOMIC_RELAXED);
        if (ci >= d->total)
            break;
        uint64_t b = ci / d->per_base, q = ci % d->per_base;
        uint64_t g = b * s->base_leaves + q * n; /* first node */
        for (unsigned k = 0; k < L; k++) {
            char what[32];
            snprintf(what, sizeof what, "layer %u", k + 1);
            pread_all_or_die(d->layer_fd[k], lay[k], n * 32, g * 32, what);
        }
        pread_all_or_die(d->data_fd, data, n * 32, g * 32, d->j->unsealed);
        tree_chunk c = {0};
        c.layers = L;
        c.n = n;
        c.levels = d->clevels;
        for (unsigned k = 0; k < L; k++)
            c.lay[k] = lay[k];
        c.data = data;
        c.tree_c = tree_c;
        c.replica = replica;
        c.tree_r = tree_r;
        uint64_t bad = d->gpu ? gpu_tree_chunk(&c) : tree_chunk_cpu(&c);
        if (bad)
            die("pc2: unsealed file %s: node %llu (byte offset %llu) is not a valid field "
                "element; the unsealed sector must be fr32-padded",
                d->j->unsealed, (unsigned long long)(g + bad - 1),
                (unsigned long long)((g + bad - 1) * 32));
        /* tree-c: every level of the subtree */
        uint64_t off = 0;
        for (unsigned l = 0; l <= d->clevels; l++) {
            uint64_t cnt = n >> (3 * l);
            af_pwrite(&d->tc[b], tree_c + off * 32, cnt * 32, (s->level_off[l] + q * cnt) * 32);
            off += cnt;
        }
        memcpy(d->roots_c + ci * 32, tree_c + (off - 1) * 32, 32);
        af_pwrite(d->sealed, replica, n * 32, g * 32);
        /* tree-r-last: levels above rows_to_discard */
        off = 0;
        for (unsigned l = 1; l <= d->clevels; l++) {
            uint64_t cnt = n >> (3 * l);
            if (l > s->rtd)
                af_pwrite(&d->tr[b], tree_r + off * 32, cnt * 32,
                          (s->cached_off[l] + q * cnt) * 32);
            off += cnt;
        }
        if (d->clevels == 0)
            memcpy(d->roots_r + ci * 32, replica, 32);
        else
            memcpy(d->roots_r + ci * 32, tree_r + (off - 1) * 32, 32);
        uint64_t done = __atomic_add_fetch(&d->done, 1, __ATOMIC_RELAXED);
        if (d->total >= 64 && done % (d->total / 16) == 0)
            progress("pc2: %llu/%llu chunks", (unsigned long long)done,
                     (unsigned long long)d->total);
    }
    for (unsigned k = 0; k < L; k++)
        free(lay[k]);
    free(data);
    free(tree_c);
    free(replica);
    free(tree_r);
    return NULL;
}

static int open_ro(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        die("pc2: cannot open %s: %s", path, strerror(errno));
    return fd;
}

void pc2_run(pc2_job *j)
{
    const seal_proof *p = j->proof;
    const tree_shape *s = &j->shape;
    double t0 = now_seconds();
    /* comm_d from tree-d (built here when PC1's file is missing) */
    char *td = path_join(j->cache, "sc-02-data-tree-d.dat");
    struct stat st;
    if (stat(td, &st) == 0 && (uint64_t)st.st_size == (2 * s->nodes - 1) * 32) {
        int fd = open_ro(td);
        pread_all_or_die(fd, j->comm_d, 32, (2 * s->nodes - 2) * 32, td);
        close(fd);
    } else {
        progress("pc2: %s missing or of the wrong size; rebuilding tree-d", td);
        int fd = open_ro(j->unsealed);
        treed_build(fd, j->unsealed, p->sector_size, td, j->comm_d);
        close(fd);
        j->tree_d_built = 1;
    }
    free(td);
    j->tree_d_seconds = now_seconds() - t0;

    drv_t d;
    memset(&d, 0, sizeof d);
    d.j = j;
    d.gpu = j->engine != ENGINE_CPU && gpu_device_count() > 0;
    j->engine_used = d.gpu ? "cuda" : "cpu";
    unsigned cap = d.gpu ? 6 : 4; /* chunk = 8^cap leaves at most */
    d.clevels = s->height < cap ? s->height : cap;
    d.chunk = 1ULL << (3 * d.clevels);
    d.per_base = s->base_leaves / d.chunk;
    d.total = d.per_base * s->base_count;
    d.roots_c = xmalloc(d.total * 32);
    d.roots_r = xmalloc(d.total * 32);
    for (unsigned l = 0; l < s->layers; l++) {
        char *lp = layer_path(j->cache, l + 1);
        d.layer_fd[l] = open_ro(lp);
        free(lp);
    }
    d.data_fd = open_ro(j->unsealed);
    d.tc = xcalloc(s->base_count, sizeof(atomic_file));
    d.tr = xcalloc(s->base_count, sizeof(atomic_file));
    atomic_file sealed;
    d.sealed = &sealed;
    for (unsigned b = 0; b < s->base_count; b++) {
        char name[64];
        tree_c_name(s, b, name);
        char *pth = path_join(j->cache, name);
        af_open(&d.tc[b], pth);
        af_truncate(&d.tc[b], s->base_len * 32);
        free(pth);
        tree_r_name(s, b, name);
        pth = path_join(j->cache, name);
        af_open(&d.tr[b], pth);
        af_truncate(&d.tr[b], s->cached_len * 32);
        free(pth);
    }
    af_open(&sealed, j->sealed);
    af_truncate(&sealed, p->sector_size);
    poseidon_params_get(s->layers); /* generate constants before the threads */
    poseidon_params_get(8);
    poseidon_params_get(2);
    unsigned nt = d.gpu ? 1 : j->threads;
    if (nt > d.total)
        nt = (unsigned)d.total;
    progress("pc2: %s, %u base tree(s) of %llu leaves, %llu chunks of %llu, %u %s thread(s)",
             p->name, s->base_count, (unsigned long long)s->base_leaves,
             (unsigned long long)d.total, (unsigned long long)d.chunk, nt, d.gpu ? "GPU" : "CPU");
    pthread_t *th = xcalloc(nt, sizeof *th);
    for (unsigned i = 1; i < nt; i++)
        if (pthread_create(&th[i], NULL, pc2_worker, &d) != 0)
            die("pc2: cannot start a worker thread");
    pc2_worker(&d);
    for (unsigned i = 1; i < nt; i++)
        pthread_join(th[i], NULL);
    free(th);
    /* levels above the chunks, per base tree */
    uint8_t *base_c = xmalloc(s->base_count * 32), *base_r = xmalloc(s->base_count * 32);
    for (unsigned b = 0; b < s->base_count; b++) {
        uint64_t m = d.per_base;
        uint8_t *rc = d.roots_c + (uint64_t)b * m * 32, *rr = d.roots_r + (uint64_t)b * m * 32;
        for (unsigned l = d.clevels + 1; l <= s->height; l++) {
            octree_level(rc, rc, m / 8);
            octree_level(rr, rr, m / 8);
            m /= 8;
            af_pwrite(&d.tc[b], rc, m * 32, s->level_off[l] * 32);
            if (l > s->rtd)
                af_pwrite(&d.tr[b], rr, m * 32, s->cached_off[l] * 32);
        }
        memcpy(base_c + b * 32, rc, 32);
        memcpy(base_r + b * 32, rr, 32);
    }
    tree_compound_root(s, base_c, j->comm_c);
    tree_compound_root(s, base_r, j->comm_r_last);
    uint8_t both[64];
    memcpy(both, j->comm_c, 32);
    memcpy(both + 32, j->comm_r_last, 32);
    poseidon_hash_bytes(poseidon_params_get(2), both, j->comm_r);
    /* p_aux and t_aux */
    atomic_file pa, ta;
    char *pp = path_join(j->cache, "p_aux");
    af_open(&pa, pp);
    af_write(&pa, both, 64);
    size_t tlen = 0;
    uint8_t *tb = NULL;
    char *tp = path_join(j->cache, "t_aux");
    if (!j->no_t_aux) {
        tb = t_aux_bytes(p, s, j->cache, &tlen);
        af_open(&ta, tp);
        af_write(&ta, tb, tlen);
    }
    j->compute_seconds = now_seconds() - t0 - j->tree_d_seconds;
    /* Everything computed: make the outputs visible. */
    for (unsigned b = 0; b < s->base_count; b++) {
        af_commit(&d.tc[b]);
        af_commit(&d.tr[b]);
    }
    af_commit(&sealed);
    af_commit(&pa);
    if (!j->no_t_aux)
        af_commit(&ta);
    for (unsigned l = 0; l < s->layers; l++)
        close(d.layer_fd[l]);
    close(d.data_fd);
    free(tb);
    free(pp);
    free(tp);
    free(base_c);
    free(base_r);
    free(d.roots_c);
    free(d.roots_r);
    free(d.tc);
    free(d.tr);
    j->seconds = now_seconds() - t0;
}
