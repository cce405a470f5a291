#define _GNU_SOURCE
#include "hash/sha256.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/cpu.h"
#include "util/util.h"

const uint32_t SHA256_IV[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                               0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

const uint32_t SHA256_K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

const uint8_t SHA256_PAD64[64] = {0x80, [62] = 0x02, [63] = 0x00};

static inline uint32_t ror(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static inline uint32_t load_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void schedule_portable(uint32_t w[64], const uint8_t *lo, const uint8_t *hi)
{
    for (int i = 0; i < 8; i++) {
        w[i] = load_be32(lo + 4 * i);
        w[i + 8] = load_be32(hi + 4 * i);
    }
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
}

static void rounds_portable(uint32_t st[8], const uint32_t w[64])
{
    uint32_t a = st[0], b = st[1], c = st[2], d = st[3];
    uint32_t e = st[4], f = st[5], g = st[6], h = st[7];
    for (int i = 0; i < 64; i++) {
        uint32_t S1 = ror(e, 6) ^ ror(e, 11) ^ ror(e, 25);
        uint32_t ch = (e & f) ^ (~e & g);
        uint32_t t1 = h + S1 + ch + SHA256_K[i] + w[i];
        uint32_t S0 = ror(a, 2) ^ ror(a, 13) ^ ror(a, 22);
        uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
        uint32_t t2 = S0 + maj;
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    st[0] += a;
    st[1] += b;
    st[2] += c;
    st[3] += d;
    st[4] += e;
    st[5] += f;
    st[6] += g;
    st[7] += h;
}

static void compress_portable(uint32_t st[8], const uint8_t *lo, const uint8_t *hi)
{
    uint32_t w[64];
    schedule_portable(w, lo, hi);
    rounds_portable(st, w);
}

static void blocks_portable(uint32_t st[8], const uint8_t *data, size_t n)
{
    for (size_t i = 0; i < n; i++)
        compress_portable(st, data + 64 * i, data + 64 * i + 32);
}

static void halves_portable(uint32_t st[8], const uint8_t *const *h, size_t n)
{
    for (size_t i = 0; i < n; i++)
        compress_portable(st, h[2 * i], h[2 * i + 1]);
}

static void nodes_portable(uint8_t *out, const uint8_t *in, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t st[8];
        memcpy(st, SHA256_IV, sizeof st);
        compress_portable(st, in + 64 * i, in + 64 * i + 32);
        compress_portable(st, SHA256_PAD64, SHA256_PAD64 + 32);
        sha256_state_bytes(st, out + 32 * i);
        out[32 * i + 31] &= 0x3f;
    }
}

int sha256_pattern_init(sha256_pattern *pat, const uint8_t *seq, size_t nblocks, size_t uniq)
{
    if (nblocks == 0 || nblocks > SHA256_PATTERN_MAX || uniq == 0 || uniq > SHA256_PATTERN_MAX)
        return -1;
    memset(pat, 0, sizeof *pat);
    pat->nblocks = (uint8_t)nblocks;
    pat->uniq = (uint8_t)uniq;
    uint64_t seen = 0;
    for (size_t b = 0; b < nblocks; b++) {
        if (seq[b] >= uniq)
            return -1;
        uint64_t bit = 1ULL << seq[b];
        if (seen & bit)
            pat->reused |= bit;
        seen |= bit;
        pat->seq[b] = seq[b];
    }
    return 0;
}

/* One lane at a time; the schedule of a repeated block is computed once. */
static void pattern_portable(uint32_t (*st)[8], size_t lanes, const uint8_t *const *halves,
                             const sha256_pattern *pat)
{
    uint32_t w[SHA256_PATTERN_MAX][64];
    for (size_t l = 0; l < lanes; l++) {
        const uint8_t *const *h = halves + l * 2 * pat->uniq;
        uint64_t have = 0;
        for (size_t b = 0; b < pat->nblocks; b++) {
            unsigned u = pat->seq[b];
            if (!(have >> u & 1)) {
                schedule_portable(w[u], h[2 * u], h[2 * u + 1]);
                have |= 1ULL << u;
            }
            rounds_portable(st[l], w[u]);
        }
    }
}

static const sha256_impl portable_impl = {"portable", blocks_portable, halves_portable,
                                          nodes_portable, pattern_portable, 1};

/* Message schedule of SHA256_PAD64 plus the round constants. */
const uint32_t SHA256_PAD64_WK[64] = {
    0xc28a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf374,
    0x649b69c1, 0xf0fe4786, 0x0fe1edc6, 0x240cf254, 0x4fe9346f, 0x6cc984be, 0x61b9411e, 0x16f988fa,
    0xf2c65152, 0xa88e5a6d, 0xb019fc65, 0xb9d99ec7, 0x9a1231c3, 0xe70eeaa0, 0xfdb1232b, 0xc7353eb0,
    0x3069bad5, 0xcb976d5f, 0x5a0f118f, 0xdc1eeefd, 0x0a35b689, 0xde0b7a04, 0x58f4ca9d, 0xe15d5b16,
    0x007f3e86, 0x37088980, 0xa507ea32, 0x6fab9537, 0x17406110, 0x0d8cd6f1, 0xcdaa3b6d, 0xc0bbbe37,
    0x83613bda, 0xdb48a363, 0x0b02e931, 0x6fd15ca7, 0x521afaca, 0x31338431, 0x6ed41a95, 0x6d437890,
    0xc39c91f2, 0x9eccabbd, 0xb5c9a0e6, 0x532fb63c, 0xd2c741c6, 0x07237ea3, 0xa4954b68, 0x4c191d76};

const sha256_impl *sha256_portable(void) { return &portable_impl; }

/* Defined in sha256_ni.c and sha256_avx2.c. */
void sha256_ni_blocks(uint32_t st[8], const uint8_t *data, size_t n);
void sha256_ni_halves(uint32_t st[8], const uint8_t *const *h, size_t n);
void sha256_ni_nodes(uint8_t *out, const uint8_t *in, size_t n);
void sha256_ni_pattern(uint32_t (*st)[8], size_t lanes, const uint8_t *const *halves,
                       const sha256_pattern *pat);
void sha256_avx2_pattern(uint32_t (*st)[8], size_t lanes, const uint8_t *const *halves,
                         const sha256_pattern *pat);
/* Four lanes: two chains of sha256rnds2 leave the SHA unit idle part of the
 * time on some cores (AMD Zen 5: 1.5x one chain, four chains 1.9x). */
static const sha256_impl ni_impl = {"sha-ni", sha256_ni_blocks, sha256_ni_halves,
                                    sha256_ni_nodes, sha256_ni_pattern, 4};
/* AVX2 helps only where there are eight independent messages: single-stream
 * work stays on the portable code. */
static const sha256_impl avx2_impl = {"avx2", blocks_portable, halves_portable, nodes_portable,
                                      sha256_avx2_pattern, 8};

const sha256_impl *sha256_ni(void) { return cpu_features()->sha_ni ? &ni_impl : NULL; }

const sha256_impl *sha256_avx2(void) { return cpu_features()->avx2 ? &avx2_impl : NULL; }

static const sha256_impl *active;
static pthread_once_t active_once = PTHREAD_ONCE_INIT;

static void select_impl(void)
{
    const char *f = getenv("SEALER_FORCE_PORTABLE_SHA");
    const char *want = getenv("SEALER_SHA");
    if ((!want || !*want) && f && *f && strcmp(f, "0") != 0)
        want = "portable";
    if (!want || !*want) {
        active = sha256_ni() ? &ni_impl : sha256_avx2() ? &avx2_impl : &portable_impl;
        return;
    }
    if (strcmp(want, "portable") == 0)
        active = &portable_impl;
    else if (strcmp(want, "sha-ni") == 0)
        active = sha256_ni();
    else if (strcmp(want, "avx2") == 0)
        active = sha256_avx2();
    else
        die("SEALER_SHA=%s is not one of sha-ni, avx2, portable", want);
    if (!active)
        die("SEALER_SHA=%s: this CPU does not support it; unset SEALER_SHA or choose portable",
            want);
}

const sha256_impl *sha256_active(void)
{
    pthread_once(&active_once, select_impl);
    return active;
}

void sha256_init(sha256_ctx *c)
{
    memcpy(c->st, SHA256_IV, sizeof c->st);
    c->buflen = 0;
    c->total = 0;
}

void sha256_update(sha256_ctx *c, const void *data, size_t n)
{
    const sha256_impl *im = sha256_active();
    const uint8_t *p = data;
    c->total += n;
    if (c->buflen) {
        size_t take = 64 - c->buflen;
        if (take > n)
            take = n;
        memcpy(c->buf + c->buflen, p, take);
        c->buflen += take;
        p += take;
        n -= take;
        if (c->buflen == 64) {
            im->blocks(c->st, c->buf, 1);
            c->buflen = 0;
        }
    }
    if (n >= 64) {
        im->blocks(c->st, p, n / 64);
        p += n & ~(size_t)63;
        n &= 63;
    }
    if (n) {
        memcpy(c->buf, p, n);
        c->buflen = n;
    }
}

void sha256_state_bytes(const uint32_t st[8], uint8_t out[32])
{
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (uint8_t)(st[i] >> 24);
        out[4 * i + 1] = (uint8_t)(st[i] >> 16);
        out[4 * i + 2] = (uint8_t)(st[i] >> 8);
        out[4 * i + 3] = (uint8_t)st[i];
    }
}

void sha256_final(sha256_ctx *c, uint8_t out[32])
{
    const sha256_impl *im = sha256_active();
    uint64_t bits = c->total * 8;
    uint8_t pad[128] = {0};
    size_t n = c->buflen;
    memcpy(pad, c->buf, n);
    pad[n] = 0x80;
    size_t blocks = (n + 1 + 8 <= 64) ? 1 : 2;
    for (int i = 0; i < 8; i++)
        pad[blocks * 64 - 1 - i] = (uint8_t)(bits >> (8 * i));
    im->blocks(c->st, pad, blocks);
    sha256_state_bytes(c->st, out);
}

void sha256(const void *data, size_t n, uint8_t out[32])
{
    sha256_ctx c;
    sha256_init(&c);
    sha256_update(&c, data, n);
    sha256_final(&c, out);
}

void sha256_node(const uint8_t l[32], const uint8_t r[32], uint8_t out[32])
{
    const uint8_t *h[4] = {l, r, SHA256_PAD64, SHA256_PAD64 + 32};
    uint32_t st[8];
    memcpy(st, SHA256_IV, sizeof st);
    sha256_active()->halves(st, h, 2);
    sha256_state_bytes(st, out);
    out[31] &= 0x3f;
}
