/* SHA-256 compression with the x86 SHA extensions. Compiled for the sha/sse4.1
 * target only in this file; sha256.c calls it only after cpuid confirms
 * support. */
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "hash/sha256.h"

#define NI_TARGET __attribute__((target("sha,sse4.1,ssse3")))

/* One block from two 32-byte halves; state kept in the ABEF/CDGH layout the
 * sha256rnds2 instruction wants, across all blocks of one call. */
NI_TARGET static inline void ni_block(__m128i *s0, __m128i *s1, const uint8_t *lo,
                                      const uint8_t *hi)
{
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i w[4];
    __m128i abef = *s0, cdgh = *s1;
    __m128i st0 = *s0, st1 = *s1;
    w[0] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)lo), bswap);
    w[1] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(lo + 16)), bswap);
    w[2] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)hi), bswap);
    w[3] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(hi + 16)), bswap);
#pragma GCC unroll 16
    for (int g = 0; g < 16; g++) {
        __m128i m;
        if (g >= 4) {
            /* W[g] = msg2(msg1(W[g-4], W[g-3]) + W[g-7 words], W[g-1]) */
            __m128i t = _mm_sha256msg1_epu32(w[g & 3], w[(g + 1) & 3]);
            t = _mm_add_epi32(t, _mm_alignr_epi8(w[(g + 3) & 3], w[(g + 2) & 3], 4));
            w[g & 3] = _mm_sha256msg2_epu32(t, w[(g + 3) & 3]);
        }
        m = _mm_add_epi32(w[g & 3], _mm_loadu_si128((const __m128i *)&SHA256_K[4 * g]));
        st1 = _mm_sha256rnds2_epu32(st1, st0, m);
        m = _mm_shuffle_epi32(m, 0x0e);
        st0 = _mm_sha256rnds2_epu32(st0, st1, m);
    }
    *s0 = _mm_add_epi32(st0, abef);
    *s1 = _mm_add_epi32(st1, cdgh);
}

NI_TARGET static inline void ni_load(const uint32_t st[8], __m128i *s0, __m128i *s1)
{
    __m128i t = _mm_loadu_si128((const __m128i *)&st[0]);  /* DCBA */
    __m128i u = _mm_loadu_si128((const __m128i *)&st[4]);  /* HGFE */
    t = _mm_shuffle_epi32(t, 0xb1);                        /* CDAB */
    u = _mm_shuffle_epi32(u, 0x1b);                        /* EFGH */
    *s0 = _mm_alignr_epi8(t, u, 8);                        /* ABEF */
    *s1 = _mm_blend_epi16(u, t, 0xf0);                     /* CDGH */
}

NI_TARGET static inline void ni_store(uint32_t st[8], __m128i s0, __m128i s1)
{
    __m128i t = _mm_shuffle_epi32(s0, 0x1b);  /* FEBA */
    s1 = _mm_shuffle_epi32(s1, 0xb1);         /* DCHG */
    s0 = _mm_blend_epi16(t, s1, 0xf0);        /* DCBA */
    s1 = _mm_alignr_epi8(s1, t, 8);           /* HGFE */
    _mm_storeu_si128((__m128i *)&st[0], s0);
    _mm_storeu_si128((__m128i *)&st[4], s1);
}

NI_TARGET void sha256_ni_blocks(uint32_t st[8], const uint8_t *data, size_t n)
{
    __m128i s0, s1;
    ni_load(st, &s0, &s1);
    for (size_t i = 0; i < n; i++)
        ni_block(&s0, &s1, data + 64 * i, data + 64 * i + 32);
    ni_store(st, s0, s1);
}

NI_TARGET void sha256_ni_halves(uint32_t st[8], const uint8_t *const *h, size_t n)
{
    __m128i s0, s1;
    ni_load(st, &s0, &s1);
    for (size_t i = 0; i < n; i++)
        ni_block(&s0, &s1, h[2 * i], h[2 * i + 1]);
    ni_store(st, s0, s1);
}

/* Rounds of one block whose W[t]+K[t] is known in advance (the constant
 * padding block of a 64-byte message): no message schedule work. */
#define NI_ROUNDS_WK(st0, st1, wk, g)                                        \
    do {                                                                     \
        __m128i m_ = _mm_loadu_si128((const __m128i *)&(wk)[4 * (g)]);       \
        st1 = _mm_sha256rnds2_epu32(st1, st0, m_);                           \
        m_ = _mm_shuffle_epi32(m_, 0x0e);                                    \
        st0 = _mm_sha256rnds2_epu32(st0, st1, m_);                           \
    } while (0)

NI_TARGET static inline void ni_digest_trunc(__m128i s0, __m128i s1, uint8_t *out)
{
    uint32_t st[8];
    ni_store(st, s0, s1);
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i lo = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)&st[0]), bswap);
    __m128i hi = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)&st[4]), bswap);
    _mm_storeu_si128((__m128i *)out, lo);
    _mm_storeu_si128((__m128i *)(out + 16), hi);
    out[31] &= 0x3f;
}

/* Two independent nodes per iteration: sha256rnds2 is latency-bound, so a
 * second dependency chain fills the gaps of the first. */
NI_TARGET void sha256_ni_nodes(uint8_t *out, const uint8_t *in, size_t n)
{
    __m128i iv0, iv1;
    ni_load(SHA256_IV, &iv0, &iv1);
    size_t i = 0;
    for (; i + 2 <= n; i += 2) {
        __m128i a0 = iv0, a1 = iv1, b0 = iv0, b1 = iv1;
        const uint8_t *pa = in + 64 * i, *pb = pa + 64;
        /* Data blocks: ni_block for both, inlined side by side. */
        ni_block(&a0, &a1, pa, pa + 32);
        ni_block(&b0, &b1, pb, pb + 32);
        __m128i sa0 = a0, sa1 = a1, sb0 = b0, sb1 = b1;
#pragma GCC unroll 16
        for (int g = 0; g < 16; g++) {
            NI_ROUNDS_WK(a0, a1, SHA256_PAD64_WK, g);
            NI_ROUNDS_WK(b0, b1, SHA256_PAD64_WK, g);
        }
        a0 = _mm_add_epi32(a0, sa0);
        a1 = _mm_add_epi32(a1, sa1);
        b0 = _mm_add_epi32(b0, sb0);
        b1 = _mm_add_epi32(b1, sb1);
        ni_digest_trunc(a0, a1, out + 32 * i);
        ni_digest_trunc(b0, b1, out + 32 * (i + 1));
    }
    for (; i < n; i++) {
        __m128i a0 = iv0, a1 = iv1;
        ni_block(&a0, &a1, in + 64 * i, in + 64 * i + 32);
        __m128i sa0 = a0, sa1 = a1;
#pragma GCC unroll 16
        for (int g = 0; g < 16; g++)
            NI_ROUNDS_WK(a0, a1, SHA256_PAD64_WK, g);
        ni_digest_trunc(_mm_add_epi32(a0, sa0), _mm_add_epi32(a1, sa1), out + 32 * i);
    }
}

NI_TARGET static inline __m128i ni_load_msg(const uint8_t *p)
{
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    return _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)p), bswap);
}

/* Message words 4g..4g+3 from the previous sixteen, in place in w[4]. */
NI_TARGET static inline __m128i ni_next_w(__m128i *w, int g)
{
    __m128i t = _mm_sha256msg1_epu32(w[g & 3], w[(g + 1) & 3]);
    t = _mm_add_epi32(t, _mm_alignr_epi8(w[(g + 3) & 3], w[(g + 2) & 3], 4));
    return w[g & 3] = _mm_sha256msg2_epu32(t, w[(g + 3) & 3]);
}

#define NI_4ROUNDS(s0, s1, m)                                                \
    do {                                                                     \
        s1 = _mm_sha256rnds2_epu32(s1, s0, m);                               \
        s0 = _mm_sha256rnds2_epu32(s0, s1, _mm_shuffle_epi32(m, 0x0e));      \
    } while (0)

/* Two lanes of one pattern, interleaved instruction by instruction so each
 * chain's sha256rnds2 runs in the other's latency shadow. W[t]+K[t] of a block
 * that occurs again is kept, so its repeats are rounds only. */
NI_TARGET static void ni_pattern2(uint32_t sta[8], uint32_t stb[8], const uint8_t *const *ha,
                                  const uint8_t *const *hb, const sha256_pattern *pat)
{
    __m128i wk[SHA256_PATTERN_MAX][2][16];
    uint64_t have = 0;
    __m128i a0, a1, b0, b1;
    ni_load(sta, &a0, &a1);
    ni_load(stb, &b0, &b1);
    for (unsigned blk = 0; blk < pat->nblocks; blk++) {
        unsigned u = pat->seq[blk];
        __m128i sa0 = a0, sa1 = a1, sb0 = b0, sb1 = b1;
        if (have >> u & 1) {
            const __m128i(*k)[16] = wk[u];
#pragma GCC unroll 16
            for (int g = 0; g < 16; g++) {
                __m128i ma = k[0][g], mb = k[1][g];
                NI_4ROUNDS(a0, a1, ma);
                NI_4ROUNDS(b0, b1, mb);
            }
        } else {
            int keep = (int)(pat->reused >> u & 1);
            __m128i wa[4], wb[4];
            for (int q = 0; q < 2; q++) {
                wa[2 * q] = ni_load_msg(ha[2 * u + q]);
                wa[2 * q + 1] = ni_load_msg(ha[2 * u + q] + 16);
                wb[2 * q] = ni_load_msg(hb[2 * u + q]);
                wb[2 * q + 1] = ni_load_msg(hb[2 * u + q] + 16);
            }
#pragma GCC unroll 16
            for (int g = 0; g < 16; g++) {
                __m128i k4 = _mm_loadu_si128((const __m128i *)&SHA256_K[4 * g]);
                __m128i ma = _mm_add_epi32(g < 4 ? wa[g] : ni_next_w(wa, g), k4);
                __m128i mb = _mm_add_epi32(g < 4 ? wb[g] : ni_next_w(wb, g), k4);
                if (keep) {
                    wk[u][0][g] = ma;
                    wk[u][1][g] = mb;
                }
                NI_4ROUNDS(a0, a1, ma);
                NI_4ROUNDS(b0, b1, mb);
            }
            have |= (uint64_t)keep << u;
        }
        a0 = _mm_add_epi32(a0, sa0);
        a1 = _mm_add_epi32(a1, sa1);
        b0 = _mm_add_epi32(b0, sb0);
        b1 = _mm_add_epi32(b1, sb1);
    }
    ni_store(sta, a0, a1);
    ni_store(stb, b0, b1);
}

/* L (3 or 4) lanes of one pattern. Two chains do not fill the SHA unit on
 * every core (on some, the latency of sha256rnds2 is more than twice its issue
 * interval), three or four do; the lanes are unrolled so every chain's rounds
 * of one group are issued together. */
NI_TARGET static inline __attribute__((always_inline)) void
ni_pattern_wide(uint32_t (*st)[8], const uint8_t *const *h, size_t stride,
                const sha256_pattern *pat, const int L)
{
    __m128i wk[SHA256_PATTERN_MAX][4][16];
    uint64_t have = 0;
    __m128i s0[4], s1[4];
#pragma GCC unroll 4
    for (int l = 0; l < L; l++)
        ni_load(st[l], &s0[l], &s1[l]);
    for (unsigned blk = 0; blk < pat->nblocks; blk++) {
        unsigned u = pat->seq[blk];
        __m128i k0[4], k1[4];
#pragma GCC unroll 4
        for (int l = 0; l < L; l++) {
            k0[l] = s0[l];
            k1[l] = s1[l];
        }
        if (have >> u & 1) {
            const __m128i(*k)[16] = wk[u];
#pragma GCC unroll 16
            for (int g = 0; g < 16; g++) {
#pragma GCC unroll 4
                for (int l = 0; l < L; l++) {
                    __m128i m = k[l][g];
                    NI_4ROUNDS(s0[l], s1[l], m);
                }
            }
        } else {
            int keep = (int)(pat->reused >> u & 1);
            __m128i w[4][4];
#pragma GCC unroll 4
            for (int l = 0; l < L; l++) {
                const uint8_t *const *hl = h + (size_t)l * stride;
                w[l][0] = ni_load_msg(hl[2 * u]);
                w[l][1] = ni_load_msg(hl[2 * u] + 16);
                w[l][2] = ni_load_msg(hl[2 * u + 1]);
                w[l][3] = ni_load_msg(hl[2 * u + 1] + 16);
            }
#pragma GCC unroll 16
            for (int g = 0; g < 16; g++) {
                __m128i k4 = _mm_loadu_si128((const __m128i *)&SHA256_K[4 * g]);
#pragma GCC unroll 4
                for (int l = 0; l < L; l++) {
                    __m128i m = _mm_add_epi32(g < 4 ? w[l][g] : ni_next_w(w[l], g), k4);
                    if (keep)
                        wk[u][l][g] = m;
                    NI_4ROUNDS(s0[l], s1[l], m);
                }
            }
            have |= (uint64_t)keep << u;
        }
#pragma GCC unroll 4
        for (int l = 0; l < L; l++) {
            s0[l] = _mm_add_epi32(s0[l], k0[l]);
            s1[l] = _mm_add_epi32(s1[l], k1[l]);
        }
    }
#pragma GCC unroll 4
    for (int l = 0; l < L; l++)
        ni_store(st[l], s0[l], s1[l]);
}

NI_TARGET static void ni_pattern4(uint32_t (*st)[8], const uint8_t *const *h, size_t stride,
                                  const sha256_pattern *pat)
{
    ni_pattern_wide(st, h, stride, pat, 4);
}

NI_TARGET static void ni_pattern3(uint32_t (*st)[8], const uint8_t *const *h, size_t stride,
                                  const sha256_pattern *pat)
{
    ni_pattern_wide(st, h, stride, pat, 3);
}

/* One lane of a pattern (an odd lane out). */
NI_TARGET static void ni_pattern1(uint32_t st[8], const uint8_t *const *h,
                                  const sha256_pattern *pat)
{
    __m128i wk[SHA256_PATTERN_MAX][16];
    uint64_t have = 0;
    __m128i a0, a1;
    ni_load(st, &a0, &a1);
    for (unsigned blk = 0; blk < pat->nblocks; blk++) {
        unsigned u = pat->seq[blk];
        __m128i sa0 = a0, sa1 = a1;
        if (have >> u & 1) {
#pragma GCC unroll 16
            for (int g = 0; g < 16; g++) {
                __m128i m = wk[u][g];
                NI_4ROUNDS(a0, a1, m);
            }
        } else {
            int keep = (int)(pat->reused >> u & 1);
            __m128i w[4];
            for (int q = 0; q < 2; q++) {
                w[2 * q] = ni_load_msg(h[2 * u + q]);
                w[2 * q + 1] = ni_load_msg(h[2 * u + q] + 16);
            }
#pragma GCC unroll 16
            for (int g = 0; g < 16; g++) {
                __m128i m = _mm_add_epi32(g < 4 ? w[g] : ni_next_w(w, g),
                                          _mm_loadu_si128((const __m128i *)&SHA256_K[4 * g]));
                if (keep)
                    wk[u][g] = m;
                NI_4ROUNDS(a0, a1, m);
            }
            have |= (uint64_t)keep << u;
        }
        a0 = _mm_add_epi32(a0, sa0);
        a1 = _mm_add_epi32(a1, sa1);
    }
    ni_store(st, a0, a1);
}

NI_TARGET void sha256_ni_pattern(uint32_t (*st)[8], size_t lanes, const uint8_t *const *halves,
                                 const sha256_pattern *pat)
{
    size_t stride = 2 * (size_t)pat->uniq, l = 0;
    for (; l + 4 <= lanes; l += 4)
        ni_pattern4(st + l, halves + l * stride, stride, pat);
    if (lanes - l == 3) {
        ni_pattern3(st + l, halves + l * stride, stride, pat);
        return;
    }
    for (; l + 2 <= lanes; l += 2)
        ni_pattern2(st[l], st[l + 1], halves + l * stride, halves + (l + 1) * stride, pat);
    if (l < lanes)
        ni_pattern1(st[l], halves + l * stride, pat);
}
