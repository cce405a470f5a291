// CUDA tree building for PC2: column hashes (Poseidon arity 2 or 11),
// encoding (replica = data + key), and the arity-8 tree-c / tree-r levels.
// Same contract and same results as tree_chunk_cpu (poseidon_tree.c): the
// constants are the host's generated optimized-form tables, copied once.
// Field elements on the device are 4 x 64-bit Montgomery limbs; the
// multiplication is CIOS with 64-bit mul.lo / mul.hi (__umul64hi).
#include <cuda_runtime.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

extern "C" {
#include "field/fr.h"
#include "gpu/gpu.h"
#include "hash/poseidon.h"
}

namespace {

struct dfr { uint64_t l[4]; };

__device__ __constant__ uint64_t P[4] = FR_MODULUS_LIMBS;
__device__ __constant__ uint64_t R2[4] = FR_R2_LIMBS;

__device__ __forceinline__ uint64_t addc(uint64_t a, uint64_t b, uint64_t &carry)
{
    uint64_t s = a + b;
    uint64_t c1 = s < a;
    uint64_t t = s + carry;
    uint64_t c2 = t < s;
    carry = c1 | c2;
    return t;
}

__device__ __forceinline__ uint64_t subb(uint64_t a, uint64_t b, uint64_t &borrow)
{
    uint64_t d = a - b;
    uint64_t b1 = a < b;
    uint64_t t = d - borrow;
    uint64_t b2 = d < borrow;
    borrow = b1 | b2;
    return t;
}

__device__ __forceinline__ void reduce_once(uint64_t t[4])
{
    uint64_t s[4], br = 0;
    for (int i = 0; i < 4; i++)
        s[i] = subb(t[i], P[i], br);
    if (!br)
        for (int i = 0; i < 4; i++)
            t[i] = s[i];
}

__device__ __forceinline__ dfr fadd(const dfr &a, const dfr &b)
{
    dfr o;
    uint64_t c = 0;
    for (int i = 0; i < 4; i++)
        o.l[i] = addc(a.l[i], b.l[i], c);
    reduce_once(o.l);
    return o;
}

// (hi, lo) = a * b + c + d  (fits in 128 bits)
__device__ __forceinline__ uint64_t mac(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t &hi)
{
    uint64_t lo = a * b;
    hi = __umul64hi(a, b);
    lo += c;
    hi += lo < c;
    lo += d;
    hi += lo < d;
    return lo;
}

// CIOS without the extra carry word (valid because P[3] < 2^63 - 1).
__device__ __forceinline__ dfr fmul(const dfr &a, const dfr &b)
{
    uint64_t t[4] = {0, 0, 0, 0};
    for (int i = 0; i < 4; i++) {
        uint64_t A, C, m;
        t[0] = mac(a.l[0], b.l[i], t[0], 0, A);
        m = t[0] * FR_INV;
        mac(m, P[0], t[0], 0, C);
        for (int j = 1; j < 4; j++) {
            t[j] = mac(a.l[j], b.l[i], t[j], A, A);
            t[j - 1] = mac(m, P[j], t[j], C, C);
        }
        t[3] = C + A;
    }
    reduce_once(t);
    dfr o;
    for (int i = 0; i < 4; i++)
        o.l[i] = t[i];
    return o;
}

__device__ __forceinline__ void pow5(dfr &x)
{
    dfr x2 = fmul(x, x);
    dfr x4 = fmul(x2, x2);
    x = fmul(x4, x);
}

__device__ __forceinline__ bool load_canonical(const uint8_t *p, dfr &out)
{
    dfr v;
    for (int i = 0; i < 4; i++) {
        uint64_t w = 0;
        for (int k = 7; k >= 0; k--)
            w = (w << 8) | p[8 * i + k];
        v.l[i] = w;
    }
    uint64_t br = 0;
    for (int i = 0; i < 4; i++)
        subb(v.l[i], P[i], br);
    out = v;
    return br != 0; // v < P
}

__device__ __forceinline__ void store_bytes(uint8_t *p, const dfr &v)
{
    for (int i = 0; i < 4; i++)
        for (int k = 0; k < 8; k++)
            p[8 * i + k] = (uint8_t)(v.l[i] >> (8 * k));
}

__device__ __forceinline__ dfr to_mont(const dfr &v)
{
    dfr r2;
    for (int i = 0; i < 4; i++)
        r2.l[i] = R2[i];
    return fmul(v, r2);
}

__device__ __forceinline__ dfr from_mont(const dfr &v)
{
    dfr one = {{1, 0, 0, 0}};
    return fmul(v, one);
}

struct dparams {
    unsigned t, rp;
    const dfr *crc, *mds, *pre, *sparse;
    dfr tag;
};

template <int T>
__device__ void perm(const dparams &p, dfr *s)
{
    const dfr *crc = p.crc;
    for (int i = 0; i < T; i++)
        s[i] = fadd(s[i], crc[i]);
    crc += T;
    dfr o[T];
    for (int r = 0; r < 4; r++) {
        for (int i = 0; i < T; i++) {
            pow5(s[i]);
            s[i] = fadd(s[i], crc[i]);
        }
        crc += T;
        const dfr *M = r < 3 ? p.mds : p.pre;
        for (int j = 0; j < T; j++) {
            dfr acc = fmul(M[j], s[0]);
            for (int i = 1; i < T; i++)
                acc = fadd(acc, fmul(M[i * T + j], s[i]));
            o[j] = acc;
        }
        for (int j = 0; j < T; j++)
            s[j] = o[j];
    }
    const dfr *sp = p.sparse;
    for (unsigned r = 0; r < p.rp; r++, sp += 2 * T - 1) {
        pow5(s[0]);
        s[0] = fadd(s[0], *crc++);
        dfr s0 = s[0];
        dfr acc = fmul(sp[0], s[0]);
        for (int i = 1; i < T; i++)
            acc = fadd(acc, fmul(sp[i], s[i]));
        for (int j = 1; j < T; j++)
            s[j] = fadd(s[j], fmul(sp[T + j - 1], s0));
        s[0] = acc;
    }
    for (int r = 0; r < 4; r++) {
        for (int i = 0; i < T; i++) {
            pow5(s[i]);
            if (r < 3)
                s[i] = fadd(s[i], crc[i]);
        }
        if (r < 3)
            crc += T;
        for (int j = 0; j < T; j++) {
            dfr acc = fmul(p.mds[j], s[0]);
            for (int i = 1; i < T; i++)
                acc = fadd(acc, fmul(p.mds[i * T + j], s[i]));
            o[j] = acc;
        }
        for (int j = 0; j < T; j++)
            s[j] = o[j];
    }
}

// One node per thread: column hash, and replica = data + label_L.
template <int L>
__global__ void column_kernel(dparams p, const uint8_t *lay, uint64_t n, const uint8_t *data,
                              uint8_t *cols, uint8_t *replica, unsigned long long *bad_data,
                              unsigned long long *bad_label)
{
    uint64_t i = blockIdx.x * (uint64_t)blockDim.x + threadIdx.x;
    if (i >= n)
        return;
    dfr s[L + 1];
    s[0] = p.tag;
    dfr lastc;
    for (int k = 0; k < L; k++) {
        dfr v;
        if (!load_canonical(lay + ((uint64_t)k * n + i) * 32, v))
            atomicMin(bad_label, (unsigned long long)i);
        if (k == L - 1)
            lastc = v;
        s[k + 1] = to_mont(v);
    }
    perm<L + 1>(p, s);
    store_bytes(cols + i * 32, from_mont(s[1]));
    dfr d;
    if (!load_canonical(data + i * 32, d))
        atomicMin(bad_data, (unsigned long long)i);
    // canonical values add like Montgomery ones: (a + b) mod r
    store_bytes(replica + i * 32, fadd(d, lastc));
}

// One parent per thread: out[k] = P8(in[8k .. 8k+8]).
__global__ void level_kernel(dparams p, const uint8_t *in, uint8_t *out, uint64_t n)
{
    uint64_t k = blockIdx.x * (uint64_t)blockDim.x + threadIdx.x;
    if (k >= n)
        return;
    dfr s[9];
    s[0] = p.tag;
    for (int c = 0; c < 8; c++) {
        dfr v;
        load_canonical(in + (8 * k + c) * 32, v);
        s[c + 1] = to_mont(v);
    }
    perm<9>(p, s);
    store_bytes(out + k * 32, from_mont(s[1]));
}

struct state {
    bool ready;
    dparams p2, p8, p11;
    void *blob;
    uint8_t *dlay, *ddata, *dtc, *drep, *dtr;
    unsigned long long *dbad;
    uint64_t cap_n;
    unsigned cap_layers;
};
state G;

bool upload(const poseidon_params *hp, dparams &dp, char *err, int errlen)
{
    size_t t = hp->t;
    size_t nsp = (size_t)hp->rp * (2 * t - 1);
    size_t total = hp->ncrc + 2 * t * t + nsp;
    dfr *d;
    if (cudaMalloc(&d, total * sizeof(dfr)) != cudaSuccess) {
        snprintf(err, errlen, "cudaMalloc of Poseidon constants failed");
        return false;
    }
    cudaMemcpy(d, hp->crc, hp->ncrc * 32, cudaMemcpyHostToDevice);
    cudaMemcpy(d + hp->ncrc, hp->mds, t * t * 32, cudaMemcpyHostToDevice);
    cudaMemcpy(d + hp->ncrc + t * t, hp->pre_sparse, t * t * 32, cudaMemcpyHostToDevice);
    cudaMemcpy(d + hp->ncrc + 2 * t * t, hp->sparse, nsp * 32, cudaMemcpyHostToDevice);
    dp.t = (unsigned)t;
    dp.rp = hp->rp;
    dp.crc = d;
    dp.mds = d + hp->ncrc;
    dp.pre = d + hp->ncrc + t * t;
    dp.sparse = d + hp->ncrc + 2 * t * t;
    memcpy(dp.tag.l, hp->tag.l, 32);
    return true;
}

bool init(char *err, int errlen)
{
    if (G.ready)
        return true;
    if (!upload(poseidon_params_get(2), G.p2, err, errlen) ||
        !upload(poseidon_params_get(8), G.p8, err, errlen) ||
        !upload(poseidon_params_get(11), G.p11, err, errlen))
        return false;
    if (cudaMalloc(&G.dbad, 2 * sizeof(unsigned long long)) != cudaSuccess) {
        snprintf(err, errlen, "cudaMalloc failed");
        return false;
    }
    G.ready = true;
    return true;
}

bool ensure_buffers(uint64_t n, unsigned layers, char *err, int errlen)
{
    if (n <= G.cap_n && layers <= G.cap_layers)
        return true;
    cudaFree(G.dlay);
    cudaFree(G.ddata);
    cudaFree(G.dtc);
    cudaFree(G.drep);
    cudaFree(G.dtr);
    uint64_t sub = subtree_nodes(n);
    if (cudaMalloc(&G.dlay, (size_t)layers * n * 32) != cudaSuccess ||
        cudaMalloc(&G.ddata, n * 32) != cudaSuccess || cudaMalloc(&G.dtc, sub * 32) != cudaSuccess ||
        cudaMalloc(&G.drep, n * 32) != cudaSuccess || cudaMalloc(&G.dtr, sub * 32) != cudaSuccess) {
        snprintf(err, errlen, "cudaMalloc of %llu-node buffers failed", (unsigned long long)n);
        G.cap_n = 0;
        return false;
    }
    G.cap_n = n;
    G.cap_layers = layers;
    return true;
}

bool check(cudaError_t e, const char *what, char *err, int errlen)
{
    if (e == cudaSuccess)
        return true;
    snprintf(err, errlen, "%s: %s", what, cudaGetErrorString(e));
    return false;
}

void levels(uint8_t *base, uint64_t n)
{
    uint8_t *cur = base;
    while (n > 1) {
        uint64_t m = n / 8;
        unsigned threads = 128;
        level_kernel<<<(unsigned)((m + threads - 1) / threads), threads>>>(G.p8, cur, cur + n * 32, m);
        cur += n * 32;
        n = m;
    }
}

} // namespace

extern "C" int sealer_cuda_device_count(void)
{
    int n = 0;
    if (cudaGetDeviceCount(&n) != cudaSuccess)
        return 0;
    return n;
}

extern "C" int sealer_cuda_device_name(char *out, int len)
{
    cudaDeviceProp prop;
    if (cudaGetDeviceProperties(&prop, 0) != cudaSuccess)
        return -1;
    snprintf(out, len, "%s (%d SMs, %.0f GiB)", prop.name, prop.multiProcessorCount,
             prop.totalGlobalMem / 1073741824.0);
    return 0;
}

extern "C" int sealer_cuda_tree_chunk(unsigned layers, uint64_t n, const uint8_t *const *lay,
                                      const uint8_t *data, uint8_t *tree_c, uint8_t *replica,
                                      uint8_t *tree_r, uint64_t *bad_node, char *err, int errlen)
{
    if (!init(err, errlen) || !ensure_buffers(n, layers, err, errlen))
        return -1;
    for (unsigned k = 0; k < layers; k++)
        if (!check(cudaMemcpy(G.dlay + (size_t)k * n * 32, lay[k], n * 32, cudaMemcpyHostToDevice),
                   "copy labels", err, errlen))
            return -1;
    if (!check(cudaMemcpy(G.ddata, data, n * 32, cudaMemcpyHostToDevice), "copy data", err, errlen))
        return -1;
    unsigned long long init_bad[2] = {~0ULL, ~0ULL};
    cudaMemcpy(G.dbad, init_bad, sizeof init_bad, cudaMemcpyHostToDevice);
    unsigned threads = 128, blocks = (unsigned)((n + threads - 1) / threads);
    if (layers == 2)
        column_kernel<2><<<blocks, threads>>>(G.p2, G.dlay, n, G.ddata, G.dtc, G.drep, G.dbad, G.dbad + 1);
    else if (layers == 11)
        column_kernel<11><<<blocks, threads>>>(G.p11, G.dlay, n, G.ddata, G.dtc, G.drep, G.dbad, G.dbad + 1);
    else {
        snprintf(err, errlen, "unsupported layer count %u", layers);
        return -1;
    }
    levels(G.dtc, n);
    if (n > 1) {
        uint64_t m = n / 8;
        level_kernel<<<(unsigned)((m + threads - 1) / threads), threads>>>(G.p8, G.drep, G.dtr, m);
        levels(G.dtr, m);
    }
    if (!check(cudaDeviceSynchronize(), "kernels", err, errlen))
        return -1;
    unsigned long long bad[2];
    cudaMemcpy(bad, G.dbad, sizeof bad, cudaMemcpyDeviceToHost);
    if (bad[1] != ~0ULL) {
        snprintf(err, errlen, "label of chunk node %llu is not a canonical field element", bad[1]);
        return -1;
    }
    *bad_node = bad[0] != ~0ULL ? bad[0] + 1 : 0;
    uint64_t sub = subtree_nodes(n);
    if (!check(cudaMemcpy(tree_c, G.dtc, sub * 32, cudaMemcpyDeviceToHost), "copy tree-c", err, errlen) ||
        !check(cudaMemcpy(replica, G.drep, n * 32, cudaMemcpyDeviceToHost), "copy replica", err, errlen))
        return -1;
    if (n > 1 && !check(cudaMemcpy(tree_r, G.dtr, (sub - n) * 32, cudaMemcpyDeviceToHost),
                        "copy tree-r", err, errlen))
        return -1;
    return 0;
}

extern "C" int sealer_cuda_bench_p8(uint64_t n, double *seconds, uint8_t out[32], char *err, int errlen)
{
    if (!init(err, errlen))
        return -1;
    uint8_t *din, *dout;
    if (cudaMalloc(&din, n * 8 * 32) != cudaSuccess || cudaMalloc(&dout, n * 32) != cudaSuccess) {
        snprintf(err, errlen, "cudaMalloc failed");
        return -1;
    }
    cudaMemset(din, 0, n * 8 * 32);
    unsigned threads = 128;
    level_kernel<<<(unsigned)((n + threads - 1) / threads), threads>>>(G.p8, din, dout, n); // warm-up
    cudaEvent_t a, b;
    cudaEventCreate(&a);
    cudaEventCreate(&b);
    cudaEventRecord(a);
    level_kernel<<<(unsigned)((n + threads - 1) / threads), threads>>>(G.p8, din, dout, n);
    cudaEventRecord(b);
    if (!check(cudaEventSynchronize(b), "bench kernel", err, errlen))
        return -1;
    float ms = 0;
    cudaEventElapsedTime(&ms, a, b);
    *seconds = ms / 1000.0;
    cudaMemcpy(out, dout + (n - 1) * 32, 32, cudaMemcpyDeviceToHost);
    cudaFree(din);
    cudaFree(dout);
    return 0;
}
