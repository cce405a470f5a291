/* SHA-256 over eight independent messages at once with AVX2: lane l of every
 * 256-bit register belongs to message l. The fallback for multi-buffer work
 * on CPUs without SHA-NI; compiled for AVX2 only in this file and called only
 * after the CPU check in sha256.c. */
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hash/sha256.h"

#define AVX2_TARGET __attribute__((target("avx2")))
#define LANES 8

AVX2_TARGET static inline __m256i ror32(__m256i x, int n)
{
    return _mm256_or_si256(_mm256_srli_epi32(x, n), _mm256_slli_epi32(x, 32 - n));
}

/* Words 8i..8i+7 of the eight 32-byte halves p[0..7], big-endian, transposed:
 * out[k] holds word k of every lane. */
AVX2_TARGET static void load_transpose(const uint8_t *const p[LANES], __m256i out[8])
{
    const __m256i bswap = _mm256_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3,
                                          12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
    __m256i r[8], t[8], u[8];
    for (int l = 0; l < LANES; l++)
        r[l] = _mm256_shuffle_epi8(_mm256_loadu_si256((const __m256i *)p[l]), bswap);
    for (int i = 0; i < 8; i += 2) {
        t[i] = _mm256_unpacklo_epi32(r[i], r[i + 1]);
        t[i + 1] = _mm256_unpackhi_epi32(r[i], r[i + 1]);
    }
    for (int i = 0; i < 8; i += 4) {
        u[i] = _mm256_unpacklo_epi64(t[i], t[i + 2]);
        u[i + 1] = _mm256_unpackhi_epi64(t[i], t[i + 2]);
        u[i + 2] = _mm256_unpacklo_epi64(t[i + 1], t[i + 3]);
        u[i + 3] = _mm256_unpackhi_epi64(t[i + 1], t[i + 3]);
    }
    for (int i = 0; i < 4; i++) {
        out[i] = _mm256_permute2x128_si256(u[i], u[i + 4], 0x20);
        out[i + 4] = _mm256_permute2x128_si256(u[i], u[i + 4], 0x31);
    }
}

AVX2_TARGET static void schedule8(__m256i w[64], const uint8_t *const lo[LANES],
                                  const uint8_t *const hi[LANES])
{
    load_transpose(lo, w);
    load_transpose(hi, w + 8);
    for (int i = 16; i < 64; i++) {
        __m256i a = w[i - 15], b = w[i - 2];
        __m256i s0 = _mm256_xor_si256(_mm256_xor_si256(ror32(a, 7), ror32(a, 18)),
                                      _mm256_srli_epi32(a, 3));
        __m256i s1 = _mm256_xor_si256(_mm256_xor_si256(ror32(b, 17), ror32(b, 19)),
                                      _mm256_srli_epi32(b, 10));
        w[i] = _mm256_add_epi32(_mm256_add_epi32(w[i - 16], s0), _mm256_add_epi32(w[i - 7], s1));
    }
}

AVX2_TARGET static void rounds8(__m256i s[8], const __m256i w[64])
{
    __m256i a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
    for (int i = 0; i < 64; i++) {
        __m256i S1 = _mm256_xor_si256(_mm256_xor_si256(ror32(e, 6), ror32(e, 11)), ror32(e, 25));
        __m256i ch = _mm256_xor_si256(_mm256_and_si256(e, f), _mm256_andnot_si256(e, g));
        __m256i t1 = _mm256_add_epi32(_mm256_add_epi32(h, S1), _mm256_add_epi32(ch, w[i]));
        t1 = _mm256_add_epi32(t1, _mm256_set1_epi32((int)SHA256_K[i]));
        __m256i S0 = _mm256_xor_si256(_mm256_xor_si256(ror32(a, 2), ror32(a, 13)), ror32(a, 22));
        __m256i maj = _mm256_or_si256(_mm256_and_si256(a, b), _mm256_and_si256(c, _mm256_or_si256(a, b)));
        h = g;
        g = f;
        f = e;
        e = _mm256_add_epi32(d, t1);
        d = c;
        c = b;
        b = a;
        a = _mm256_add_epi32(t1, _mm256_add_epi32(S0, maj));
    }
    s[0] = _mm256_add_epi32(s[0], a);
    s[1] = _mm256_add_epi32(s[1], b);
    s[2] = _mm256_add_epi32(s[2], c);
    s[3] = _mm256_add_epi32(s[3], d);
    s[4] = _mm256_add_epi32(s[4], e);
    s[5] = _mm256_add_epi32(s[5], f);
    s[6] = _mm256_add_epi32(s[6], g);
    s[7] = _mm256_add_epi32(s[7], h);
}

/* Up to eight lanes of one pattern; missing lanes repeat lane 0 and are
 * dropped. */
AVX2_TARGET static void pattern8(uint32_t (*st)[8], size_t lanes, const uint8_t *const *halves,
                                 const sha256_pattern *pat)
{
    size_t stride = 2 * (size_t)pat->uniq;
    __m256i s[8], once[64];
    __m256i kept[SHA256_PATTERN_MAX][64];
    uint32_t col[LANES] __attribute__((aligned(32)));
    for (int k = 0; k < 8; k++) {
        for (int l = 0; l < LANES; l++)
            col[l] = st[(size_t)l < lanes ? (size_t)l : 0][k];
        s[k] = _mm256_load_si256((const __m256i *)col);
    }
    uint64_t have = 0;
    for (unsigned b = 0; b < pat->nblocks; b++) {
        unsigned u = pat->seq[b];
        int keep = (int)(pat->reused >> u & 1);
        __m256i *w = keep ? kept[u] : once;
        if (!(have >> u & 1)) {
            const uint8_t *lo[LANES], *hi[LANES];
            for (int l = 0; l < LANES; l++) {
                const uint8_t *const *h = halves + ((size_t)l < lanes ? (size_t)l : 0) * stride;
                lo[l] = h[2 * u];
                hi[l] = h[2 * u + 1];
            }
            schedule8(w, lo, hi);
            have |= (uint64_t)keep << u;
        }
        rounds8(s, w);
    }
    for (int k = 0; k < 8; k++) {
        _mm256_store_si256((__m256i *)col, s[k]);
        for (size_t l = 0; l < lanes && l < LANES; l++)
            st[l][k] = col[l];
    }
}

AVX2_TARGET void sha256_avx2_pattern(uint32_t (*st)[8], size_t lanes,
                                     const uint8_t *const *halves, const sha256_pattern *pat)
{
    size_t stride = 2 * (size_t)pat->uniq;
    for (size_t l = 0; l < lanes; l += LANES)
        pattern8(st + l, lanes - l < LANES ? lanes - l : LANES, halves + l * stride, pat);
}
