#include "piece/commp.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "field/fr32.h"
#include "hash/sha256.h"
#include "util/util.h"

static uint8_t Z[64][32];
static pthread_once_t z_once = PTHREAD_ONCE_INIT;

static void z_init(void)
{
    memset(Z[0], 0, 32);
    for (int i = 1; i < 64; i++)
        sha256_node(Z[i - 1], Z[i - 1], Z[i]);
}

const uint8_t *zero_comm(unsigned i)
{
    pthread_once(&z_once, z_init);
    return Z[i];
}

void ms_init(merkle_stream *m) { m->leaves = 0; }

/* Merge a finished subtree root of 2^level leaves into the pending stack,
 * like adding a power of two to a binary counter. */
static void ms_push_node(merkle_stream *m, unsigned level, const uint8_t node[32])
{
    uint8_t cur[32];
    memcpy(cur, node, 32);
    uint64_t idx = m->leaves >> level; /* index of this node at its level */
    unsigned l = level;
    while (idx & 1) {
        sha256_node(m->pending[l], cur, cur);
        idx >>= 1;
        l++;
    }
    memcpy(m->pending[l], cur, 32);
    m->leaves += 1ULL << level;
}

void subtree_root_inplace(uint8_t *buf, unsigned log2n, uint8_t out[32])
{
    uint64_t n = 1ULL << log2n;
    sha256_nodes_fn nodes = sha256_active()->nodes;
    while (n > 1) {
        nodes(buf, buf, n / 2);
        n /= 2;
    }
    memcpy(out, buf, 32);
}

void ms_push_leaves(merkle_stream *m, uint8_t *leaves, uint64_t n)
{
    while (n) {
        /* Largest aligned power-of-two run we can reduce locally. */
        unsigned k = log2u64(n);
        if (m->leaves) {
            unsigned tz = (unsigned)__builtin_ctzll(m->leaves);
            if (tz < k)
                k = tz;
        }
        uint8_t root[32];
        subtree_root_inplace(leaves, k, root);
        ms_push_node(m, k, root);
        leaves += 32ULL << k;
        n -= 1ULL << k;
    }
}

void ms_root(merkle_stream *m, unsigned height, uint8_t out[32])
{
    uint64_t total = 1ULL << height;
    /* Fill the gap with zero subtrees, smallest first, keeping alignment. */
    while (m->leaves < total) {
        unsigned k = m->leaves ? (unsigned)__builtin_ctzll(m->leaves) : height;
        while (m->leaves + (1ULL << k) > total)
            k--;
        ms_push_node(m, k, zero_comm(k));
    }
    memcpy(out, m->pending[height], 32);
}

uint64_t commp_padded_size(uint64_t len)
{
    uint64_t quads = (len + 126) / 127;
    uint64_t p = 128;
    while (p < quads * 128)
        p <<= 1;
    return p;
}

#define CHUNK_QUADS 1024 /* 127 KiB of payload, 128 KiB padded per read */

int commp_stream(FILE *f, uint8_t out[32], uint64_t *padded_size, uint64_t *payload_size)
{
    uint8_t *in = xmalloc(127 * CHUNK_QUADS);
    uint8_t *pad = xmalloc_aligned(128 * CHUNK_QUADS);
    merkle_stream *m = xmalloc(sizeof *m);
    ms_init(m);
    uint64_t total = 0;
    for (;;) {
        size_t got = 0;
        while (got < 127 * CHUNK_QUADS) {
            size_t r = fread(in + got, 1, 127 * CHUNK_QUADS - got, f);
            if (r == 0)
                break;
            got += r;
        }
        if (ferror(f)) {
            int e = errno;
            free(in);
            free(pad);
            free(m);
            errno = e ? e : EIO;
            return -1;
        }
        if (got == 0)
            break;
        total += got;
        size_t quads = (got + 126) / 127;
        memset(in + got, 0, quads * 127 - got);
        for (size_t q = 0; q < quads; q++)
            fr32_pad_quantum(in + 127 * q, pad + 128 * q);
        ms_push_leaves(m, pad, quads * 4);
        if (got < 127 * CHUNK_QUADS)
            break;
    }
    int rc = 0;
    if (total < COMMP_MIN_PAYLOAD) {
        rc = -2;
    } else {
        uint64_t ps = commp_padded_size(total);
        ms_root(m, log2u64(ps / 32), out);
        *padded_size = ps;
    }
    *payload_size = total;
    free(in);
    free(pad);
    free(m);
    return rc;
}

int commp_buffer(const uint8_t *data, uint64_t len, uint8_t out[32], uint64_t *padded_size)
{
    if (len < COMMP_MIN_PAYLOAD)
        return -2;
    FILE *f = fmemopen((void *)data, len, "rb");
    if (!f)
        return -1;
    uint64_t payload;
    int rc = commp_stream(f, out, padded_size, &payload);
    fclose(f);
    return rc;
}

typedef struct {
    uint8_t comm[32];
    uint64_t size;
} stack_ent;

static void reduce(stack_ent *st, size_t *n)
{
    while (*n >= 2 && st[*n - 1].size == st[*n - 2].size) {
        stack_ent *l = &st[*n - 2], *r = &st[*n - 1];
        sha256_node(l->comm, r->comm, l->comm);
        l->size *= 2;
        (*n)--;
    }
}

static void push_zero(stack_ent *st, size_t *n, uint64_t size)
{
    memcpy(st[*n].comm, zero_comm(log2u64(size / 32)), 32);
    st[*n].size = size;
    (*n)++;
    reduce(st, n);
}

const char *comm_d_from_pieces(const piece_info *p, size_t n, uint64_t sector_size,
                               uint8_t out[32])
{
    if (!is_pow2(sector_size) || sector_size < 128)
        return "sector size is not a power of two >= 128";
    if (n == 0) {
        memcpy(out, zero_comm(log2u64(sector_size / 32)), 32);
        return NULL;
    }
    uint64_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_pow2(p[i].size) || p[i].size < 128)
            return "piece size is not a power of two >= 128";
        sum += p[i].size;
        if (sum > sector_size)
            return "pieces are larger than the sector";
    }
    if (n > fr32_unpadded_of(sector_size) / 127)
        return "too many pieces for the sector";
    /* At most one entry per size class plus the one being merged. */
    stack_ent st[130];
    size_t k = 0;
    memcpy(st[0].comm, p[0].comm, 32);
    st[0].size = p[0].size;
    k = 1;
    for (size_t i = 1; i < n; i++) {
        while (st[k - 1].size < p[i].size)
            push_zero(st, &k, st[k - 1].size);
        memcpy(st[k].comm, p[i].comm, 32);
        st[k].size = p[i].size;
        k++;
        reduce(st, &k);
    }
    while (k > 1)
        push_zero(st, &k, st[k - 1].size);
    memcpy(out, st[0].comm, 32);
    return NULL;
}
