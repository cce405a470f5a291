#include "porep/proofs.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash/sha256.h"

#define KiB 1024ULL
#define MiB (1024 * KiB)
#define GiB (1024 * MiB)

static const uint64_t SIZES[5] = {2 * KiB, 8 * MiB, 512 * MiB, 32 * GiB, 64 * GiB};
static const char *SIZE_NAMES[5] = {"2KiB", "8MiB", "512MiB", "32GiB", "64GiB"};
static const unsigned LAYERS[5] = {2, 2, 2, 11, 11};
static const char *LABEL_VARIANTS[5] = {"StackedDrg2KiBV1", "StackedDrg8MiBV1",
                                        "StackedDrg512MiBV1", "StackedDrg32GiBV1",
                                        "StackedDrg64GiBV1"};

static seal_proof PROOFS[20];
static char NAMES[20][64];
static pthread_once_t proofs_once = PTHREAD_ONCE_INIT;

static void build_proofs(void)
{
    /* Ids 0-4 V1, 5-9 V1_1, 10-14 V1_1_Feat_SyntheticPoRep (ApiVersion 1.2),
     * 15-19 V1_2_Feat_NonInteractivePoRep; within each group by size. */
    static const char *suffix[4] = {"V1", "V1_1", "V1_1_Feat_SyntheticPoRep",
                                    "V1_2_Feat_NonInteractivePoRep"};
    static const api_version apis[4] = {API_1_0, API_1_1, API_1_2, API_1_2};
    for (unsigned g = 0; g < 4; g++)
        for (unsigned s = 0; s < 5; s++) {
            unsigned id = g * 5 + s;
            snprintf(NAMES[id], sizeof NAMES[id], "StackedDrg%s%s", SIZE_NAMES[s], suffix[g]);
            PROOFS[id] = (seal_proof){id, NAMES[id], SIZES[s], apis[g], LAYERS[s],
                                      LABEL_VARIANTS[s]};
        }
}

static void init_proofs(void) { pthread_once(&proofs_once, build_proofs); }

const seal_proof *seal_proof_by_id(unsigned id)
{
    init_proofs();
    return id < 20 ? &PROOFS[id] : NULL;
}

const seal_proof *seal_proof_by_name(const char *name)
{
    init_proofs();
    for (unsigned i = 0; i < 20; i++)
        if (strcmp(PROOFS[i].name, name) == 0)
            return &PROOFS[i];
    return NULL;
}

const seal_proof *seal_proof_for(uint64_t sector_size, api_version api)
{
    init_proofs();
    unsigned base = api == API_1_0 ? 0 : api == API_1_1 ? 5 : 10;
    for (unsigned s = 0; s < 5; s++)
        if (SIZES[s] == sector_size)
            return &PROOFS[base + s];
    return NULL;
}

void porep_id_of(unsigned proof_id, uint8_t out[32])
{
    /* LE64(id) || LE64(nonce = 0) || 16 zero bytes */
    memset(out, 0, 32);
    for (int i = 0; i < 8; i++)
        out[i] = (uint8_t)((uint64_t)proof_id >> (8 * i));
}

uint64_t parse_sector_size(const char *s)
{
    for (int i = 0; i < 5; i++)
        if (strcmp(s, SIZE_NAMES[i]) == 0)
            return SIZES[i];
    char *end;
    if (*s < '0' || *s > '9')
        return 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end)
        return 0;
    for (int i = 0; i < 5; i++)
        if (v == SIZES[i])
            return SIZES[i];
    return 0;
}

const char *sector_size_name(uint64_t size)
{
    for (int i = 0; i < 5; i++)
        if (SIZES[i] == size)
            return SIZE_NAMES[i];
    return "?";
}

int parse_api(const char *s, api_version *out)
{
    if (strcmp(s, "1.0") == 0 || strcmp(s, "1.0.0") == 0)
        *out = API_1_0;
    else if (strcmp(s, "1.1") == 0 || strcmp(s, "1.1.0") == 0)
        *out = API_1_1;
    else if (strcmp(s, "1.2") == 0 || strcmp(s, "1.2.0") == 0)
        *out = API_1_2;
    else
        return -1;
    return 0;
}

const char *api_name(api_version v)
{
    return v == API_1_0 ? "1.0" : v == API_1_1 ? "1.1" : "1.2";
}

int prover_id_from_miner(const char *miner, uint8_t out[32], uint64_t *actor)
{
    if ((miner[0] != 'f' && miner[0] != 't') || miner[1] != '0' || !miner[2])
        return -1;
    uint64_t v = 0;
    for (const char *p = miner + 2; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        if (v > (UINT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (uint64_t)(*p - '0');
    }
    /* ID addresses are canonical: no leading zeros ("f00" is not f0). */
    if (miner[2] == '0' && miner[3])
        return -1;
    memset(out, 0, 32);
    uint64_t x = v;
    int i = 0;
    do {
        uint8_t b = x & 0x7f;
        x >>= 7;
        out[i++] = b | (x ? 0x80 : 0);
    } while (x);
    *actor = v;
    return 0;
}

void replica_id_of(const uint8_t prover_id[32], uint64_t sector, const uint8_t ticket[32],
                   const uint8_t comm_d[32], const uint8_t porep_id[32], uint8_t out[32])
{
    uint8_t buf[136];
    memcpy(buf, prover_id, 32);
    for (int i = 0; i < 8; i++)
        buf[32 + i] = (uint8_t)(sector >> (56 - 8 * i));
    memcpy(buf + 40, ticket, 32);
    memcpy(buf + 72, comm_d, 32);
    memcpy(buf + 104, porep_id, 32);
    sha256(buf, sizeof buf, out);
    out[31] &= 0x3f;
}
