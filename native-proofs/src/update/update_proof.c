/* ProveReplicaUpdate1: the vanilla partition proofs of an updated replica
 * (per challenge: an opening of the sector key's tree-r-last, of the new
 * tree-d and of the new tree-r-last; per partition: comm_c and the apex
 * leaves), serialized as bincode 1.x exactly as rust-filecoin-proofs-api
 * returns them, and the verifier that reads those bytes back. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hash/poseidon.h"
#include "porep/proofs.h"
#include "hash/sha256.h"
#include "trees/merkle_proof.h"
#include "update/update.h"
#include "util/util.h"

/* ---- bincode writer ---------------------------------------------------- */

typedef struct {
    uint8_t *b;
    size_t n, cap;
} wbuf;

static void wput(wbuf *w, const void *p, size_t n)
{
    if (w->n + n > w->cap) {
        size_t cap = (w->n + n) * 2 + 1024;
        uint8_t *nb = xmalloc(cap);
        if (w->b) {
            memcpy(nb, w->b, w->n);
            free(w->b);
        }
        w->b = nb;
        w->cap = cap;
    }
    memcpy(w->b + w->n, p, n);
    w->n += n;
}

static void wu64(wbuf *w, uint64_t v)
{
    uint8_t x[8];
    for (int i = 0; i < 8; i++)
        x[i] = (uint8_t)(v >> (8 * i));
    wput(w, x, 8);
}

static void wu32(wbuf *w, uint32_t v)
{
    uint8_t x[4];
    for (int i = 0; i < 4; i++)
        x[i] = (uint8_t)(v >> (8 * i));
    wput(w, x, 4);
}

static void w_path(wbuf *w, const merkle_path *p)
{
    wu64(w, p->len);
    for (unsigned l = 0; l < p->len; l++) {
        wu64(w, p->nsib[l]);
        wput(w, p->sib[l], p->nsib[l] * 32);
        wu64(w, p->idx[l]);
    }
}

static void w_proof(wbuf *w, const merkle_proof *m)
{
    wu32(w, (uint32_t)m->kind);
    if (m->kind == MERKLE_SINGLE) {
        wput(w, m->root, 32);
        wput(w, m->leaf, 32);
        w_path(w, &m->base);
        return;
    }
    w_path(w, &m->base);
    w_path(w, &m->sub);
    if (m->kind == MERKLE_TOP)
        w_path(w, &m->top);
    wput(w, m->root, 32);
    wput(w, m->leaf, 32);
}

/* ---- openings ---------------------------------------------------------- */

typedef struct {
    const char *replica_name;
    int replica_fd;
    int *tree_fd;          /* base_count tree-r-last files */
    uint8_t *base_roots;   /* base_count * 32 */
    uint8_t root[32];
} rtree;

typedef struct {
    update_prove_job *j;
    tree_shape s;
    rtree old, nw;
    int td_fd;
    uint8_t comm_c[32];
    unsigned next; /* partition cursor */
} pctx;

static void open_rtree(const pctx *c, rtree *t, const char *replica, const char *cache,
                       const char *what)
{
    const tree_shape *s = &c->s;
    t->replica_name = replica;
    t->replica_fd = open(replica, O_RDONLY | O_CLOEXEC);
    if (t->replica_fd < 0)
        die("update-vanilla-proofs: cannot open %s %s: %s", what, replica, strerror(errno));
    struct stat st;
    if (fstat(t->replica_fd, &st) != 0 || (uint64_t)st.st_size != s->sector_size)
        die("update-vanilla-proofs: %s %s has %lld bytes; expected %llu", what, replica,
            (long long)st.st_size, (unsigned long long)s->sector_size);
    t->tree_fd = xcalloc(s->base_count, sizeof(int));
    t->base_roots = xmalloc(s->base_count * 32);
    for (unsigned b = 0; b < s->base_count; b++) {
        char name[64];
        tree_r_name(s, b, name);
        char *p = path_join(cache, name);
        int fd = open(p, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            die("update-vanilla-proofs: cannot open the %s tree-r-last %s: %s", what, p,
                strerror(errno));
        if (fstat(fd, &st) != 0 || (uint64_t)st.st_size != s->cached_len * 32)
            die("update-vanilla-proofs: %s tree-r-last %s has %lld bytes; expected %llu", what,
                p, (long long)st.st_size, (unsigned long long)(s->cached_len * 32));
        pread_all_or_die(fd, t->base_roots + b * 32, 32, s->cached_off[s->height] * 32, p);
        t->tree_fd[b] = fd;
        free(p);
    }
    tree_compound_root(s, t->base_roots, t->root);
}

static void close_rtree(const pctx *c, rtree *t)
{
    for (unsigned b = 0; b < c->s.base_count; b++)
        close(t->tree_fd[b]);
    close(t->replica_fd);
    free(t->tree_fd);
    free(t->base_roots);
}

static void open_r(const pctx *c, const rtree *t, uint64_t node, merkle_proof *m)
{
    merkle_open_r_last(&c->s, t->replica_fd, t->replica_name, t->tree_fd, t->base_roots, node, m);
    memcpy(m->root, t->root, 32);
}

static void open_d(const pctx *c, uint64_t node, merkle_proof *m)
{
    const update_params *u = &c->j->u;
    uint64_t off = 0;
    memset(&m->base, 0, sizeof m->base);
    m->kind = MERKLE_SINGLE;
    m->base.len = u->log2n;
    pread_all_or_die(c->td_fd, m->leaf, 32, node * 32, "tree-d");
    for (unsigned l = 0; l < u->log2n; l++) {
        uint64_t idx = node >> l;
        pread_all_or_die(c->td_fd, m->base.sib[l][0], 32, (off + (idx ^ 1)) * 32, "tree-d");
        m->base.nsib[l] = 1;
        m->base.idx[l] = idx & 1;
        off += u->nodes >> l;
    }
    pread_all_or_die(c->td_fd, m->root, 32, (2 * u->nodes - 2) * 32, "tree-d");
}

static void prove_partition(pctx *c, unsigned k)
{
    update_prove_job *j = c->j;
    const update_params *u = &j->u;
    wbuf w = {0};
    wput(&w, c->comm_c, 32);
    /* apex leaves: the tree-d row of partitions * apex_leaves nodes */
    uint64_t row_off = 0;
    for (unsigned l = 0; l < u->apex_height; l++)
        row_off += u->nodes >> l;
    uint8_t *apex = xmalloc(u->apex_leaves * 32);
    pread_all_or_die(c->td_fd, apex, u->apex_leaves * 32,
                     (row_off + (uint64_t)k * u->apex_leaves) * 32, "tree-d");
    wu64(&w, u->apex_leaves);
    wput(&w, apex, u->apex_leaves * 32);
    free(apex);
    uint64_t *ch = j->challenges + (uint64_t)k * u->challenges;
    update_challenges(u, j->comm_r_new, k, ch);
    wu64(&w, u->challenges);
    merkle_proof *m = xmalloc(sizeof *m);
    for (unsigned i = 0; i < u->challenges; i++) {
        open_r(c, &c->old, ch[i], m);
        w_proof(&w, m);
        open_d(c, ch[i], m);
        w_proof(&w, m);
        open_r(c, &c->nw, ch[i], m);
        w_proof(&w, m);
    }
    free(m);
    j->proofs[k] = w.b;
    j->lens[k] = w.n;
}

static void *prove_worker(void *arg)
{
    pctx *c = arg;
    for (;;) {
        unsigned k = __atomic_fetch_add(&c->next, 1, __ATOMIC_RELAXED);
        if (k >= c->j->u.partitions)
            break;
        prove_partition(c, k);
    }
    return NULL;
}

static void hex_of(const uint8_t b[32], char out[65]) { hex_encode(b, 32, out); }

void update_prove(update_prove_job *j)
{
    double t0 = now_seconds();
    pctx c;
    memset(&c, 0, sizeof c);
    c.j = j;
    if (j->shape_override && j->shape_override->sector_size == j->sector_size &&
        update_params_for_nodes(&j->u, j->sector_size / 32) == 0)
        c.s = *j->shape_override;
    else if (update_proof_id(j->sector_size, NULL) < 0 ||
             update_params_for_nodes(&j->u, j->sector_size / 32) != 0 ||
             tree_shape_for(&c.s, j->sector_size, 11) != 0)
        die("update-vanilla-proofs: unsupported sector size %llu",
            (unsigned long long)j->sector_size);
    const update_params *u = &j->u;
    /* comm_c from the sector key cache, as the prover's private input */
    char *pa = path_join(j->key_cache, "p_aux");
    int fd = open(pa, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        die("update-vanilla-proofs: cannot open %s (the sector key's comm_c): %s", pa,
            strerror(errno));
    uint8_t p_aux[64];
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size != 64)
        die("update-vanilla-proofs: %s has %lld bytes; p_aux is 64 bytes", pa,
            (long long)st.st_size);
    pread_all_or_die(fd, p_aux, 64, 0, pa);
    close(fd);
    free(pa);
    memcpy(c.comm_c, p_aux, 32);
    open_rtree(&c, &c.old, j->key, j->key_cache, "sector key");
    open_rtree(&c, &c.nw, j->replica, j->replica_cache, "updated replica");
    char *td = path_join(j->replica_cache, "sc-02-data-tree-d.dat");
    c.td_fd = open(td, O_RDONLY | O_CLOEXEC);
    if (c.td_fd < 0)
        die("update-vanilla-proofs: cannot open the new tree-d %s: %s", td, strerror(errno));
    if (fstat(c.td_fd, &st) != 0 || (uint64_t)st.st_size != (2 * u->nodes - 1) * 32)
        die("update-vanilla-proofs: tree-d %s has %lld bytes; expected %llu", td,
            (long long)st.st_size, (unsigned long long)((2 * u->nodes - 1) * 32));
    free(td);
    /* public inputs: given ones must agree with the files */
    uint8_t cro[32], crn[32], cdn[32];
    update_comm_r(c.comm_c, c.old.root, cro);
    update_comm_r(c.comm_c, c.nw.root, crn);
    pread_all_or_die(c.td_fd, cdn, 32, (2 * u->nodes - 2) * 32, "tree-d");
    char a[65], b[65];
    if (j->has_comm_r_old && memcmp(cro, j->comm_r_old, 32) != 0) {
        hex_of(cro, a), hex_of(j->comm_r_old, b);
        die("update-vanilla-proofs: the sector key's trees give comm_r_old %s, not --comm-r-old %s", a, b);
    }
    if (j->has_comm_r_new && memcmp(crn, j->comm_r_new, 32) != 0) {
        hex_of(crn, a), hex_of(j->comm_r_new, b);
        die("update-vanilla-proofs: the update's trees give comm_r_new %s, not --comm-r-new %s", a, b);
    }
    if (j->has_comm_d_new && memcmp(cdn, j->comm_d_new, 32) != 0) {
        hex_of(cdn, a), hex_of(j->comm_d_new, b);
        die("update-vanilla-proofs: the update's tree-d gives comm_d_new %s, not --comm-d-new %s", a, b);
    }
    memcpy(j->comm_r_old, cro, 32);
    memcpy(j->comm_r_new, crn, 32);
    memcpy(j->comm_d_new, cdn, 32);
    j->proofs = xcalloc(u->partitions, sizeof *j->proofs);
    j->lens = xcalloc(u->partitions, sizeof *j->lens);
    j->challenges = xcalloc((size_t)u->partitions * u->challenges, sizeof *j->challenges);
    poseidon_params_get(8);
    poseidon_params_get(2);
    update_challenges(u, crn, 0, j->challenges); /* constants before the threads */
    unsigned nt = j->threads < u->partitions ? j->threads : u->partitions;
    if (nt < 1)
        nt = 1;
    pthread_t *th = xcalloc(nt, sizeof *th);
    for (unsigned i = 1; i < nt; i++)
        if (pthread_create(&th[i], NULL, prove_worker, &c) != 0)
            die("update-vanilla-proofs: cannot start a worker thread");
    prove_worker(&c);
    for (unsigned i = 1; i < nt; i++)
        pthread_join(th[i], NULL);
    free(th);
    close_rtree(&c, &c.old);
    close_rtree(&c, &c.nw);
    close(c.td_fd);
    j->seconds = now_seconds() - t0;
}

/* ---- verifier ---------------------------------------------------------- */

typedef struct {
    const uint8_t *b;
    size_t n, off;
    size_t last;     /* start of the field read last */
    size_t fail_off; /* start of the field that failed */
    int err;
    char what[96];
} rbuf;

static void rfail(rbuf *r, const char *what)
{
    if (!r->err) {
        r->err = 1;
        r->fail_off = r->last;
        snprintf(r->what, sizeof r->what, "%s", what);
    }
}

static const uint8_t *rtake(rbuf *r, size_t n, const char *what)
{
    if (r->err)
        return NULL;
    r->last = r->off;
    if (r->n - r->off < n) {
        char m[96];
        snprintf(m, sizeof m, "truncated: %s needs %zu bytes", what, n);
        rfail(r, m);
        return NULL;
    }
    const uint8_t *p = r->b + r->off;
    r->off += n;
    return p;
}

static uint64_t ru64(rbuf *r, const char *what)
{
    const uint8_t *p = rtake(r, 8, what);
    uint64_t v = 0;
    if (p)
        for (int i = 7; i >= 0; i--)
            v = (v << 8) | p[i];
    return v;
}

static void r32(rbuf *r, uint8_t out[32], const char *what)
{
    const uint8_t *p = rtake(r, 32, what);
    if (p)
        memcpy(out, p, 32);
    else
        memset(out, 0, 32);
}

static void r_path(rbuf *r, merkle_path *p, unsigned arity)
{
    uint64_t len = ru64(r, "path length");
    if (r->err)
        return;
    if (len > MERKLE_MAX_LEVELS) {
        rfail(r, "path length out of range");
        return;
    }
    p->len = (unsigned)len;
    for (unsigned l = 0; l < p->len && !r->err; l++) {
        uint64_t nh = ru64(r, "sibling count");
        if (nh != arity - 1) {
            rfail(r, "sibling count does not match the tree arity");
            return;
        }
        p->nsib[l] = (unsigned)nh;
        for (unsigned k = 0; k < nh; k++)
            r32(r, p->sib[l][k], "sibling hash");
        p->idx[l] = ru64(r, "path index");
    }
}

static void r_proof(rbuf *r, merkle_proof *m, int poseidon, unsigned want_kind)
{
    const uint8_t *p = rtake(r, 4, "proof variant");
    if (!p)
        return;
    uint32_t kind = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    if (kind != want_kind) {
        rfail(r, "merkle proof variant does not match the sector's tree shape");
        return;
    }
    m->kind = (merkle_kind)kind;
    if (m->kind == MERKLE_SINGLE) {
        r32(r, m->root, "root");
        r32(r, m->leaf, "leaf");
        r_path(r, &m->base, poseidon ? 8 : 2);
        return;
    }
    r_path(r, &m->base, 8);
    r_path(r, &m->sub, 8);
    if (m->kind == MERKLE_TOP)
        r_path(r, &m->top, 2);
    r32(r, m->root, "root");
    r32(r, m->leaf, "leaf");
}

/* Recomputes the root from leaf and path; 0 when it matches m->root. Sets
 * *index to the leaf index the path encodes. */
static int path_ok(const merkle_proof *m, int poseidon, uint64_t *index)
{
    uint8_t cur[32];
    memcpy(cur, m->leaf, 32);
    uint64_t ix = 0, scale = 1;
    const merkle_path *parts[3] = {&m->base, &m->sub, &m->top};
    unsigned nparts = m->kind + 1;
    for (unsigned pi = 0; pi < nparts; pi++) {
        const merkle_path *p = parts[pi];
        for (unsigned l = 0; l < p->len; l++) {
            unsigned arity = p->nsib[l] + 1;
            if (p->idx[l] >= arity)
                return -1;
            if (!poseidon) {
                if (p->idx[l])
                    sha256_node(p->sib[l][0], cur, cur);
                else
                    sha256_node(cur, p->sib[l][0], cur);
            } else {
                uint8_t in[8 * 32];
                for (unsigned k = 0, w = 0; k < arity; k++)
                    memcpy(in + k * 32, k == p->idx[l] ? cur : p->sib[l][w++], 32);
                for (unsigned k = 0; k < arity; k++)
                    if (!fr_bytes_canonical(in + k * 32))
                        return -1;
                poseidon_hash_bytes(poseidon_params_get(arity), in, cur);
            }
            ix += p->idx[l] * scale;
            scale *= arity;
        }
    }
    *index = ix;
    return memcmp(cur, m->root, 32) == 0 ? 0 : -1;
}

static void problem(update_verdict *v, unsigned k, int ch, uint64_t node, const char *check,
                    const char *fmt, ...)
{
    v->valid = 0;
    if (v->nproblems >= 256)
        return;
    v->problems = realloc(v->problems, (v->nproblems + 1) * sizeof *v->problems);
    update_problem *p = &v->problems[v->nproblems++];
    p->partition = k;
    p->challenge = ch < 0 ? ~0u : (unsigned)ch;
    p->node = node;
    snprintf(p->check, sizeof p->check, "%s", check);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->message, sizeof p->message, fmt, ap);
    va_end(ap);
}

static void verify_partition(const update_params *u, const tree_shape *s, unsigned k,
                             const uint8_t *blob, size_t len, const uint8_t comm_r_old[32],
                             const uint8_t comm_d_new[32], const uint8_t comm_r_new[32],
                             update_verdict *v)
{
    rbuf r = {blob, len, 0, 0, 0, 0, ""};
    uint8_t comm_c[32];
    r32(&r, comm_c, "comm_c");
    uint64_t na = ru64(&r, "apex leaf count");
    if (!r.err && na != u->apex_leaves) {
        problem(v, k, -1, 0, "apex", "partition %u: %llu apex leaves; a %s sector has %u", k,
                (unsigned long long)na, sector_size_name(s->sector_size), u->apex_leaves);
        return;
    }
    uint8_t *apex = xcalloc(2 * u->apex_leaves, 32); /* the whole apex tree, leaves first */
    for (unsigned i = 0; i < u->apex_leaves; i++)
        r32(&r, apex + i * 32, "apex leaf");
    uint64_t nc = ru64(&r, "challenge proof count");
    if (!r.err && nc != u->challenges) {
        problem(v, k, -1, 0, "challenges", "partition %u: %llu challenge proofs; a %s sector has %u",
                k, (unsigned long long)nc, sector_size_name(s->sector_size), u->challenges);
        free(apex);
        return;
    }
    unsigned rkind = s->top_arity ? 2 : s->sub_arity ? 1 : 0;
    merkle_proof *P = xcalloc((size_t)3 * u->challenges, sizeof *P);
    size_t *at = xcalloc(u->challenges, sizeof *at);
    for (unsigned i = 0; i < u->challenges && !r.err; i++) {
        at[i] = r.off;
        r_proof(&r, &P[3 * i], 1, rkind);
        r_proof(&r, &P[3 * i + 1], 0, 0);
        r_proof(&r, &P[3 * i + 2], 1, rkind);
    }
    if (!r.err && r.off != r.n) {
        r.last = r.off;
        rfail(&r, "trailing bytes after the last challenge proof");
    }
    if (r.err) {
        problem(v, k, -1, 0, "format", "partition %u: malformed proof at byte %zu: %s", k,
                r.fail_off, r.what);
        goto out;
    }
    /* apex tree rows above the leaves */
    uint64_t row = 0, n = u->apex_leaves, rows[16];
    rows[0] = 0;
    for (unsigned l = 0; l < u->log2apex; l++) {
        for (uint64_t i = 0; i < n / 2; i++)
            sha256_node(apex + (row + 2 * i) * 32, apex + (row + 2 * i + 1) * 32,
                        apex + (row + n + i) * 32);
        row += n;
        n /= 2;
        rows[l + 1] = row;
    }
    const uint8_t *root_old = P[0].root, *root_new = P[2].root;
    uint8_t calc[32];
    update_comm_r(comm_c, root_old, calc);
    if (memcmp(calc, comm_r_old, 32) != 0)
        problem(v, k, -1, 0, "comm_r_old",
                "partition %u: H(comm_c, root of proof_r_old) is not comm_r_old", k);
    update_comm_r(comm_c, root_new, calc);
    if (memcmp(calc, comm_r_new, 32) != 0)
        problem(v, k, -1, 0, "comm_r_new",
                "partition %u: H(comm_c, root of proof_r_new) is not comm_r_new", k);
    uint8_t phi[32];
    update_phi(comm_d_new, comm_r_old, phi);
    fr_t ph;
    fr_from_bytes(&ph, phi);
    uint64_t *ch = xmalloc(u->challenges * sizeof *ch);
    update_challenges(u, comm_r_new, k, ch);
    static const char *names[3] = {"proof_r_old", "proof_d_new", "proof_r_new"};
    for (unsigned i = 0; i < u->challenges; i++) {
        uint64_t c = ch[i];
        const merkle_proof *m = &P[3 * i];
        int ok = 1;
        for (int t = 0; t < 3; t++) {
            uint64_t ix = 0;
            const uint8_t *want = t == 0 ? root_old : t == 1 ? comm_d_new : root_new;
            if (memcmp(m[t].root, want, 32) != 0) {
                problem(v, k, (int)i, c, names[t],
                        "partition %u challenge %u (node %llu): %s root is not %s", k, i,
                        (unsigned long long)c, names[t],
                        t == 1 ? "comm_d_new" : "the partition's tree-r-last root");
                ok = 0;
            } else if (path_ok(&m[t], t != 1, &ix) != 0) {
                problem(v, k, (int)i, c, names[t],
                        "partition %u challenge %u (node %llu): %s path does not hash to its root",
                        k, i, (unsigned long long)c, names[t]);
                ok = 0;
            } else if (ix != c) {
                problem(v, k, (int)i, c, names[t],
                        "partition %u challenge %u (node %llu): %s opens node %llu", k, i,
                        (unsigned long long)c, names[t], (unsigned long long)ix);
                ok = 0;
            } else if (t == 1 && m[t].base.len != u->log2n) {
                problem(v, k, (int)i, c, names[t],
                        "partition %u challenge %u: tree-d path has %u levels, not %u", k, i,
                        m[t].base.len, u->log2n);
                ok = 0;
            }
        }
        if (!ok)
            continue;
        /* encoding: leaf_r_new == leaf_r_old + leaf_d_new * rho(high) */
        fr_t ro, d, rn, hi, rho, calc_n;
        if (fr_from_bytes(&ro, m[0].leaf) || fr_from_bytes(&d, m[1].leaf) ||
            fr_from_bytes(&rn, m[2].leaf)) {
            problem(v, k, (int)i, c, "encoding",
                    "partition %u challenge %u (node %llu): a leaf is not a field element", k, i,
                    (unsigned long long)c);
            continue;
        }
        fr_from_u64(&hi, c >> (u->log2n - u->h));
        update_hr(&ph, &hi, &rho);
        fr_mul(&calc_n, &d, &rho);
        fr_add(&calc_n, &calc_n, &ro);
        if (!fr_eq(&calc_n, &rn))
            problem(v, k, (int)i, c, "encoding",
                    "partition %u challenge %u (node %llu): replica leaf != key leaf + data leaf "
                    "* rho",
                    k, i, (unsigned long long)c);
        /* the tree-d path crosses the apex tree */
        for (unsigned l = 0; l < u->log2apex; l++) {
            const uint8_t *sib = m[1].base.sib[u->apex_height + l][0];
            uint64_t cnt = u->apex_leaves >> l;
            int found = 0;
            for (uint64_t q = 0; q < cnt && !found; q++)
                found = memcmp(apex + (rows[l] + q) * 32, sib, 32) == 0;
            if (!found) {
                problem(v, k, (int)i, c, "apex",
                        "partition %u challenge %u (node %llu): tree-d sibling at height %u is "
                        "not in the apex tree",
                        k, i, (unsigned long long)c, u->apex_height + l);
                break;
            }
        }
    }
    free(ch);
out:
    free(P);
    free(at);
    free(apex);
}

void update_verify_shape(const update_params *u, const tree_shape *s,
                         const uint8_t *const *proofs, const size_t *lens, unsigned nproofs,
                         const uint8_t comm_r_old[32], const uint8_t comm_d_new[32],
                         const uint8_t comm_r_new[32], update_verdict *v)
{
    memset(v, 0, sizeof *v);
    v->valid = 1;
    if (nproofs != u->partitions) {
        problem(v, 0, -1, 0, "partitions", "%u partition proofs; a %s sector has %u", nproofs,
                sector_size_name(s->sector_size), u->partitions);
        return;
    }
    for (unsigned k = 0; k < nproofs; k++) {
        verify_partition(u, s, k, proofs[k], lens[k], comm_r_old, comm_d_new, comm_r_new, v);
        v->partitions_checked++;
    }
}

void update_verify(const update_params *u, uint64_t sector_size, const uint8_t *const *proofs,
                   const size_t *lens, unsigned nproofs, const uint8_t comm_r_old[32],
                   const uint8_t comm_d_new[32], const uint8_t comm_r_new[32], update_verdict *v)
{
    tree_shape s;
    tree_shape_for(&s, sector_size, 11);
    update_verify_shape(u, &s, proofs, lens, nproofs, comm_r_old, comm_d_new, comm_r_new, v);
}
