#define _GNU_SOURCE
#include "piece/addpiece.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "field/fr32.h"
#include "piece/commp.h"
#include "porep/proofs.h"
#include "util/util.h"

static void add(ap_result *r, size_t *cap, ap_piece p)
{
    if (r->n == *cap) {
        *cap = *cap ? 2 * *cap : 16;
        ap_piece *np = realloc(r->pieces, *cap * sizeof *np);
        if (!np)
            die("out of memory");
        r->pieces = np;
    }
    r->pieces[r->n++] = p;
}

/* Zero pieces covering [from, to), smallest first: each stays aligned to its
 * own size because `to` is aligned to something larger than all of them. */
static void fillers(ap_result *r, size_t *cap, uint64_t from, uint64_t to)
{
    while (from < to) {
        uint64_t s = from ? (from & -from) : to;
        while (from + s > to)
            s >>= 1;
        ap_piece p = {0};
        memcpy(p.comm, zero_comm(log2u64(s / 32)), 32);
        p.size = s;
        p.offset = from;
        add(r, cap, p);
        from += s;
    }
}

void piece_alignment(uint64_t written, uint64_t piece, uint64_t *left, uint64_t *right)
{
    /* A piece occupies the smallest 127*2^k slot that holds it and starts at
     * a multiple of that slot. */
    uint64_t needed = 127;
    while (needed < piece)
        needed *= 2;
    *left = written % needed ? needed - written % needed : 0;
    *right = needed - piece;
}

#define QUADS 1024

static void write_piece(atomic_file *af, const char *input, uint64_t payload, uint64_t offset,
                        uint64_t size, uint8_t comm[32])
{
    FILE *f = fopen(input, "rb");
    if (!f)
        die("cannot open input %s: %s", input, strerror(errno));
    uint8_t *in = xmalloc(127 * QUADS);
    uint8_t *pad = xmalloc_aligned(128 * QUADS);
    merkle_stream *m = xmalloc(sizeof *m);
    ms_init(m);
    uint64_t total = 0, out = offset;
    for (;;) {
        size_t got = fread(in, 1, 127 * QUADS, f);
        if (ferror(f))
            die("cannot read input %s: %s", input, strerror(errno));
        if (got == 0)
            break;
        total += got;
        if (total > payload)
            die("input %s grew while being read", input);
        size_t quads = (got + 126) / 127;
        memset(in + got, 0, quads * 127 - got);
        for (size_t q = 0; q < quads; q++)
            fr32_pad_quantum(in + 127 * q, pad + 128 * q);
        af_pwrite(af, pad, quads * 128, out);
        out += quads * 128;
        ms_push_leaves(m, pad, quads * 4);
        if (got < 127 * QUADS)
            break;
    }
    fclose(f);
    if (total != payload)
        die("input %s is truncated: read %llu of %llu bytes", input, (unsigned long long)total,
            (unsigned long long)payload);
    /* The rest of the piece is zero: the file's holes read as zeros and the
     * tree pads with zero subtrees. */
    ms_root(m, log2u64(size / 32), comm);
    free(in);
    free(pad);
    free(m);
}

void add_piece_run(uint64_t sector_size, const char *const *inputs, size_t ninputs,
                   const char *unsealed, ap_result *res)
{
    memset(res, 0, sizeof *res);
    size_t cap = 0;
    if (ninputs == 0)
        die("add-piece needs at least one --input file");
    /* Validate every input and compute the layout before writing anything. */
    uint64_t at = 0;
    for (size_t i = 0; i < ninputs; i++) {
        struct stat st;
        if (stat(inputs[i], &st) != 0)
            die("cannot open input %s: %s", inputs[i], strerror(errno));
        if (!S_ISREG(st.st_mode))
            die("input %s is not a regular file", inputs[i]);
        uint64_t len = (uint64_t)st.st_size;
        if (len < COMMP_MIN_PAYLOAD)
            die("input %s has %llu bytes; a piece payload needs at least %d", inputs[i],
                (unsigned long long)len, COMMP_MIN_PAYLOAD);
        uint64_t size = commp_padded_size(len);
        uint64_t left, right;
        piece_alignment(fr32_unpadded_of(at), fr32_unpadded_of(size), &left, &right);
        uint64_t aligned = at + fr32_padded_of(left);
        if (aligned + size > sector_size)
            die("pieces do not fit: input %s needs a %llu-byte piece at offset %llu, the %s "
                "sector holds %llu padded bytes",
                inputs[i], (unsigned long long)size, (unsigned long long)aligned,
                sector_size_name(sector_size), (unsigned long long)sector_size);
        fillers(res, &cap, at, aligned);
        ap_piece p = {0};
        p.input = inputs[i];
        p.size = size;
        p.offset = aligned;
        p.payload = len;
        add(res, &cap, p);
        at = aligned + size;
    }
    fillers(res, &cap, at, sector_size);

    atomic_file af;
    af_open(&af, unsealed);
    for (size_t i = 0; i < res->n; i++) {
        ap_piece *p = &res->pieces[i];
        if (p->input) {
            progress("add-piece: %s (%llu bytes) -> piece of %llu bytes at %llu", p->input,
                     (unsigned long long)p->payload, (unsigned long long)p->size,
                     (unsigned long long)p->offset);
            write_piece(&af, p->input, p->payload, p->offset, p->size, p->comm);
        }
    }
    af_truncate(&af, sector_size);
    af_commit(&af);

    piece_info *pi = xcalloc(res->n, sizeof *pi);
    for (size_t i = 0; i < res->n; i++) {
        memcpy(pi[i].comm, res->pieces[i].comm, 32);
        pi[i].size = res->pieces[i].size;
    }
    const char *err = comm_d_from_pieces(pi, res->n, sector_size, res->comm_d);
    if (err)
        die("comm_d: %s", err);
    free(pi);
}
