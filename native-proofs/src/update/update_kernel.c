/* The three element-wise update kernels over files, multi-threaded by
 * chunks of nodes:
 *   encode  new[i]  = key[i] + data[i] * rho(high(i))
 *   decode  data[i] = (replica[i] - key[i]) * rho(high(i))^-1
 *   regen   key[i]  = replica[i] - data[i] * rho(high(i))
 * encode and regen also build tree-r-last over what they write (same shape,
 * rows_to_discard and file names as PreCommit2) while the chunk is in
 * memory. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hash/poseidon.h"
#include "porep/proofs.h"
#include "trees/treed.h"
#include "update/update.h"
#include "util/util.h"

static const char *mode_cmd(upd_mode m)
{
    return m == UPD_ENCODE ? "update-encode" : m == UPD_DECODE ? "update-decode" : "regen-sector-key";
}

static int open_input(const update_job *j, const char *path, const char *what, uint64_t min,
                      int exact)
{
    const char *cmd = mode_cmd(j->mode);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        die("%s: cannot open %s %s: %s", cmd, what, path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        die("%s: %s %s is not a regular file", cmd, what, path);
    if (exact ? (uint64_t)st.st_size != min : (uint64_t)st.st_size < min)
        die("%s: %s %s has %lld bytes; expected %s%llu for a %s sector", cmd, what, path,
            (long long)st.st_size, exact ? "" : "at least ", (unsigned long long)min,
            sector_size_name(j->sector_size));
    return fd;
}

static void read_p_aux(const update_job *j, const char *cache, uint8_t comm_c[32],
                       uint8_t comm_r_last[32])
{
    char *p = path_join(cache, "p_aux");
    int fd = open(p, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        die("%s: cannot open %s (the cache's comm_c and comm_r_last): %s", mode_cmd(j->mode), p,
            strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size != 64)
        die("%s: %s has %lld bytes; p_aux is 64 bytes (comm_c, comm_r_last)", mode_cmd(j->mode),
            p, (long long)st.st_size);
    uint8_t b[64];
    pread_all_or_die(fd, b, 64, 0, p);
    close(fd);
    if (!fr_bytes_canonical(b) || !fr_bytes_canonical(b + 32))
        die("%s: %s does not hold two field elements", mode_cmd(j->mode), p);
    memcpy(comm_c, b, 32);
    memcpy(comm_r_last, b + 32, 32);
    free(p);
}

/* t_aux is carried over verbatim, as encode_into and remove_encoded_data
 * persist the t_aux they read; absent when the source has none. */
static int copy_t_aux(const char *from_cache, const char *to_cache, atomic_file *out)
{
    char *src = path_join(from_cache, "t_aux");
    int fd = open(src, O_RDONLY | O_CLOEXEC);
    free(src);
    if (fd < 0)
        return 0;
    struct stat st;
    fstat(fd, &st);
    uint8_t *b = xmalloc((size_t)st.st_size + 1);
    pread_all_or_die(fd, b, (size_t)st.st_size, 0, "t_aux");
    close(fd);
    char *dst = path_join(to_cache, "t_aux");
    af_open(out, dst);
    af_write(out, b, (size_t)st.st_size);
    free(dst);
    free(b);
    return 1;
}

static int all_zero(const uint8_t b[32])
{
    for (int i = 0; i < 32; i++)
        if (b[i])
            return 0;
    return 1;
}

/* ---- chunk driver ------------------------------------------------------ */

typedef struct {
    update_job *j;
    int fd_a, fd_b;            /* the two inputs, see update_chunk */
    const char *name_a, *name_b;
    atomic_file *out;
    atomic_file *tr;           /* tree-r-last files, NULL without a tree */
    const fr_t *rhos;
    unsigned shift;            /* log2n - h */
    uint64_t first, count;     /* nodes to process */
    uint64_t chunk;            /* nodes per chunk */
    unsigned clevels;          /* tree levels inside a chunk */
    uint64_t total, next;      /* chunks; atomic cursor */
    uint8_t *roots;            /* chunk tree roots */
} drv_t;

static void bad_node(const drv_t *d, const char *file, uint64_t node)
{
    die("%s: %s: node %llu (byte offset %llu) is not a valid field element%s", mode_cmd(d->j->mode),
        file, (unsigned long long)node, (unsigned long long)(node * 32),
        d->j->mode == UPD_DECODE ? "" : "; the data must be fr32-padded");
}

static void update_chunk(const drv_t *d, uint64_t g, uint64_t n, const uint8_t *a,
                         const uint8_t *b, uint8_t *out)
{
    for (uint64_t i = 0; i < n; i++) {
        fr_t x, y, r;
        if (fr_from_bytes(&x, a + 32 * i) != 0)
            bad_node(d, d->name_a, g + i);
        if (fr_from_bytes(&y, b + 32 * i) != 0)
            bad_node(d, d->name_b, g + i);
        const fr_t *rho = &d->rhos[(g + i) >> d->shift];
        switch (d->j->mode) {
        case UPD_ENCODE: /* a = key, b = data */
            fr_mul(&y, &y, rho);
            fr_add(&r, &x, &y);
            break;
        case UPD_DECODE: /* a = replica, b = key; rhos are inverted */
            fr_sub(&r, &x, &y);
            fr_mul(&r, &r, rho);
            break;
        default: /* regen: a = replica, b = data */
            fr_mul(&y, &y, rho);
            fr_sub(&r, &x, &y);
            break;
        }
        fr_to_bytes(out + 32 * i, &r);
    }
}

static void *worker(void *arg)
{
    drv_t *d = arg;
    const tree_shape *s = &d->j->shape;
    uint64_t n = d->chunk;
    uint8_t *a = xmalloc_aligned(n * 32), *b = xmalloc_aligned(n * 32);
    uint8_t *out = xmalloc_aligned(subtree_nodes(n) * 32);
    for (;;) {
        uint64_t ci = __atomic_fetch_add(&d->next, 1, __ATOMIC_RELAXED);
        if (ci >= d->total)
            break;
        uint64_t rel = ci * n, g = d->first + rel;
        uint64_t m = d->count - rel < n ? d->count - rel : n;
        pread_all_or_die(d->fd_a, a, m * 32, g * 32, d->name_a);
        pread_all_or_die(d->fd_b, b, m * 32, g * 32, d->name_b);
        update_chunk(d, g, m, a, b, out);
        af_pwrite(d->out, out, m * 32, rel * 32);
        if (!d->tr)
            continue;
        /* chunk subtree: levels 1..clevels, written where they are kept */
        uint64_t base = g / s->base_leaves, q = (g % s->base_leaves) / n, off = 0, cnt = n;
        for (unsigned l = 1; l <= d->clevels; l++) {
            octree_level(out + off * 32, out + (off + cnt) * 32, cnt / 8);
            off += cnt;
            cnt /= 8;
            if (l > s->rtd)
                af_pwrite(&d->tr[base], out + off * 32, cnt * 32,
                          (s->cached_off[l] + q * cnt) * 32);
        }
        memcpy(d->roots + ci * 32, out + off * 32, 32);
    }
    free(a);
    free(b);
    free(out);
    return NULL;
}

static void run_threads(drv_t *d, unsigned threads)
{
    poseidon_params_get(8);
    poseidon_params_get(2);
    fr_backend();
    unsigned nt = threads;
    if (nt > d->total)
        nt = (unsigned)d->total;
    if (nt < 1)
        nt = 1;
    pthread_t *th = xcalloc(nt, sizeof *th);
    for (unsigned i = 1; i < nt; i++)
        if (pthread_create(&th[i], NULL, worker, d) != 0)
            die("%s: cannot start a worker thread", mode_cmd(d->j->mode));
    worker(d);
    for (unsigned i = 1; i < nt; i++)
        pthread_join(th[i], NULL);
    free(th);
}

/* The levels above the chunks, per base tree, then the compound root. */
static void finish_tree(drv_t *d, uint8_t comm_r_last[32])
{
    const tree_shape *s = &d->j->shape;
    uint64_t per_base = s->base_leaves / d->chunk;
    uint8_t *base_roots = xmalloc(s->base_count * 32);
    for (unsigned b = 0; b < s->base_count; b++) {
        uint8_t *r = d->roots + (uint64_t)b * per_base * 32;
        uint64_t m = per_base;
        for (unsigned l = d->clevels + 1; l <= s->height; l++) {
            octree_level(r, r, m / 8);
            m /= 8;
            if (l > s->rtd)
                af_pwrite(&d->tr[b], r, m * 32, s->cached_off[l] * 32);
        }
        memcpy(base_roots + b * 32, r, 32);
    }
    tree_compound_root(s, base_roots, comm_r_last);
    free(base_roots);
}

static void open_tree_files(drv_t *d, const char *cache)
{
    const tree_shape *s = &d->j->shape;
    d->tr = xcalloc(s->base_count, sizeof *d->tr);
    for (unsigned b = 0; b < s->base_count; b++) {
        char name[64];
        tree_r_name(s, b, name);
        char *p = path_join(cache, name);
        af_open(&d->tr[b], p);
        af_truncate(&d->tr[b], s->cached_len * 32);
        free(p);
    }
}

static void setup_chunks(drv_t *d, int tree)
{
    const tree_shape *s = &d->j->shape;
    if (tree) {
        d->clevels = s->height < 4 ? s->height : 4;
        d->chunk = 1ULL << (3 * d->clevels);
    } else {
        d->chunk = 4096;
    }
    d->total = (d->count + d->chunk - 1) / d->chunk;
    if (tree)
        d->roots = xmalloc(d->total * 32);
}

static void out_parent_writable(const update_job *j, const char *path, uint64_t bytes)
{
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    const char *dd = ".";
    if (slash) {
        *slash = 0;
        dd = *dir ? dir : "/";
    }
    ensure_writable_dir(dd, "output directory");
    uint64_t avail = fs_free_bytes(dd);
    if (avail < bytes)
        die("%s: not enough space for %s: %llu bytes needed, %llu available", mode_cmd(j->mode),
            path, (unsigned long long)bytes, (unsigned long long)avail);
    free(dir);
}

/* ---- the three operations --------------------------------------------- */

/* Runs the kernel into a whole new replica with its tree_r_last files and
 * derives comm_r_last and comm_r from them; nothing is committed yet. */
static void write_replica(update_job *j, drv_t *d, atomic_file *out)
{
    af_open(out, j->out);
    af_truncate(out, j->sector_size);
    d->out = out;
    open_tree_files(d, j->out_cache);
    setup_chunks(d, 1);
    run_threads(d, j->threads);
    finish_tree(d, j->comm_r_last);
    update_comm_r(j->comm_c, j->comm_r_last, j->comm_r);
}

/* Writes the new cache's p_aux, carries t_aux over from t_aux_from and
 * commits the tree files, the replica and both aux files together. */
static void commit_replica_outputs(update_job *j, drv_t *d, atomic_file *out,
                                   const char *t_aux_from)
{
    const tree_shape *s = &j->shape;
    atomic_file pa, ta;
    char *pp = path_join(j->out_cache, "p_aux");
    uint8_t both[64];
    memcpy(both, j->comm_c, 32);
    memcpy(both + 32, j->comm_r_last, 32);
    af_open(&pa, pp);
    af_write(&pa, both, 64);
    int has_t = copy_t_aux(t_aux_from, j->out_cache, &ta);
    for (unsigned b = 0; b < s->base_count; b++)
        af_commit(&d->tr[b]);
    af_commit(out);
    af_commit(&pa);
    if (has_t)
        af_commit(&ta);
    free(pp);
}

static void run_encode(update_job *j, drv_t *d)
{
    const tree_shape *s = &j->shape;
    uint8_t comm_r_last_old[32], comm_r_old[32];
    read_p_aux(j, j->key_cache, j->comm_c, comm_r_last_old);
    update_comm_r(j->comm_c, comm_r_last_old, comm_r_old);
    memcpy(j->comm_r_old, comm_r_old, 32);
    j->has_comm_r_old = 1;
    d->fd_a = open_input(j, j->key, "sector key", j->sector_size, 1);
    d->fd_b = open_input(j, j->data, "staged data", j->sector_size, 0);
    d->name_a = j->key;
    d->name_b = j->data;
    ensure_writable_dir(j->out_cache, "update cache directory");
    out_parent_writable(j, j->out, j->sector_size);
    uint64_t need = (uint64_t)s->base_count * s->cached_len * 32 + (2 * s->nodes - 1) * 32;
    if (fs_free_bytes(j->out_cache) < need)
        die("update-encode: not enough space in %s: tree-d and tree-r-last need %llu bytes",
            j->out_cache, (unsigned long long)need);

    /* tree-d of the new data, under a temporary name until the end */
    double t0 = now_seconds();
    char *td = path_join(j->out_cache, "sc-02-data-tree-d.dat");
    char tmpname[96];
    snprintf(tmpname, sizeof tmpname, "sc-02-data-tree-d.dat.update.%d", (int)getpid());
    char *tdtmp = path_join(j->out_cache, tmpname);
    tmp_register(tdtmp);
    uint8_t comm_d[32];
    treed_build(d->fd_b, j->data, j->sector_size, tdtmp, comm_d);
    j->tree_d_seconds = now_seconds() - t0;
    if (j->has_comm_d && memcmp(comm_d, j->comm_d_new, 32) != 0) {
        char got[65], want[65];
        hex_encode(comm_d, 32, got);
        hex_encode(j->comm_d_new, 32, want);
        die("update-encode: --comm-d %s does not match the staged data %s, whose comm_d is %s",
            want, j->data, got);
    }
    memcpy(j->comm_d_new, comm_d, 32);
    if (update_phi(comm_d, comm_r_old, j->phi) != 0)
        die("update-encode: comm_r_old from %s/p_aux is not a field element", j->key_cache);
    fr_t *rhos = update_rhos(&j->u, j->phi, 0);
    d->rhos = rhos;

    atomic_file out;
    write_replica(j, d, &out);
    if (all_zero(j->comm_d_new) || all_zero(j->comm_r) || all_zero(j->comm_r_last))
        die("update-encode: a commitment came out as zero bytes; refusing the result");

    commit_replica_outputs(j, d, &out, j->key_cache);
    if (rename(tdtmp, td) != 0)
        die("update-encode: cannot rename %s to %s: %s", tdtmp, td, strerror(errno));
    tmp_unregister(tdtmp);
    fsync_dir_of(td);
    free(td);
    free(tdtmp);
    free(rhos);
}

static void resolve_comm_r_old(update_job *j)
{
    if (j->key_cache) {
        uint8_t crl[32], cro[32];
        char *p = path_join(j->key_cache, "p_aux");
        int have = access(p, R_OK) == 0;
        free(p);
        if (have || !j->has_comm_r_old) {
            read_p_aux(j, j->key_cache, j->comm_c, crl);
            update_comm_r(j->comm_c, crl, cro);
            if (j->has_comm_r_old && memcmp(cro, j->comm_r_old, 32) != 0)
                die("%s: --comm-r-old does not match the sector key cache %s (its p_aux gives "
                    "another comm_r)",
                    mode_cmd(j->mode), j->key_cache);
            memcpy(j->comm_r_old, cro, 32);
            j->has_comm_r_old = 1;
        }
    }
    if (!j->has_comm_r_old)
        die("%s: --comm-r-old is required (or --key-cache with the sector key's p_aux)",
            mode_cmd(j->mode));
}

static void run_decode(update_job *j, drv_t *d)
{
    resolve_comm_r_old(j);
    d->fd_a = open_input(j, j->replica, "replica", j->sector_size, 1);
    d->fd_b = open_input(j, j->key, "sector key", j->sector_size, 1);
    d->name_a = j->replica;
    d->name_b = j->key;
    if (update_phi(j->comm_d_new, j->comm_r_old, j->phi) != 0)
        die("update-decode: --comm-d or --comm-r-old is not a field element");
    fr_t *rhos = update_rhos(&j->u, j->phi, 1);
    d->rhos = rhos;
    if (j->has_range) {
        if (j->node_count == 0 || j->node_off >= j->u.nodes ||
            j->node_count > j->u.nodes - j->node_off)
            die("update-decode: the range of %llu nodes at node %llu is outside the %llu-node "
                "sector",
                (unsigned long long)j->node_count, (unsigned long long)j->node_off,
                (unsigned long long)j->u.nodes);
        d->first = j->node_off;
        d->count = j->node_count;
    }
    out_parent_writable(j, j->out, d->count * 32);
    atomic_file out;
    af_open(&out, j->out);
    af_truncate(&out, d->count * 32);
    d->out = &out;
    setup_chunks(d, 0);
    run_threads(d, j->threads);
    if (!j->has_range) {
        /* the whole sector must hash back to comm_d_new */
        uint8_t root[32];
        treed_build(out.fd, out.tmp_path, j->sector_size, NULL, root);
        if (memcmp(root, j->comm_d_new, 32) != 0)
            die("update-decode: the decoded data does not hash to --comm-d: the replica, the "
                "sector key or comm_r_old do not belong together");
    }
    af_commit(&out);
    free(rhos);
}

static void run_regen(update_job *j, drv_t *d)
{
    if (!j->has_comm_r_old)
        die("regen-sector-key: --comm-r-old is required (the sector key's comm_r before the update)");
    uint8_t crl_new[32];
    read_p_aux(j, j->replica_cache, j->comm_c, crl_new);
    d->fd_a = open_input(j, j->replica, "replica", j->sector_size, 1);
    d->fd_b = open_input(j, j->data, "staged data", j->sector_size, 0);
    d->name_a = j->replica;
    d->name_b = j->data;
    ensure_writable_dir(j->out_cache, "sector key cache directory");
    out_parent_writable(j, j->out, j->sector_size);
    if (update_phi(j->comm_d_new, j->comm_r_old, j->phi) != 0)
        die("regen-sector-key: --comm-d or --comm-r-old is not a field element");
    fr_t *rhos = update_rhos(&j->u, j->phi, 0);
    d->rhos = rhos;
    atomic_file out;
    write_replica(j, d, &out);
    if (memcmp(j->comm_r, j->comm_r_old, 32) != 0)
        die("regen-sector-key: the regenerated key's comm_r differs from --comm-r-old: the staged "
            "data, --comm-d or --comm-r-old do not belong to this replica");
    commit_replica_outputs(j, d, &out, j->replica_cache);
    free(rhos);
}

/* The output replaces its file only at the end, but an input that is the
 * output would be gone afterwards (the sector key above all): refuse it. */
static void output_not_an_input(const update_job *j)
{
    struct stat so, si;
    if (stat(j->out, &so) != 0)
        return;
    const char *in[3] = {j->key, j->data, j->replica};
    for (int i = 0; i < 3; i++)
        if (in[i] && stat(in[i], &si) == 0 && si.st_dev == so.st_dev && si.st_ino == so.st_ino)
            die("%s: the output %s is the input %s; write it to another path", mode_cmd(j->mode),
                j->out, in[i]);
}

void update_run(update_job *j)
{
    double t0 = now_seconds();
    if (j->shape_override && j->shape_override->sector_size == j->sector_size &&
        update_params_for_nodes(&j->u, j->sector_size / 32) == 0)
        j->shape = *j->shape_override;
    else if (update_proof_id(j->sector_size, NULL) < 0 ||
             update_params_for_nodes(&j->u, j->sector_size / 32) != 0 ||
             tree_shape_for(&j->shape, j->sector_size, 11) != 0)
        die("%s: unsupported sector size %llu", mode_cmd(j->mode), (unsigned long long)j->sector_size);
    output_not_an_input(j);
    drv_t d;
    memset(&d, 0, sizeof d);
    d.j = j;
    d.shift = j->u.log2n - j->u.h;
    d.first = 0;
    d.count = j->u.nodes;
    if (j->mode == UPD_ENCODE)
        run_encode(j, &d);
    else if (j->mode == UPD_DECODE)
        run_decode(j, &d);
    else
        run_regen(j, &d);
    close(d.fd_a);
    close(d.fd_b);
    free(d.tr);
    free(d.roots);
    j->seconds = now_seconds() - t0;
}
