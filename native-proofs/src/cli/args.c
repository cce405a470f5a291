#include "cli/args.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sdr/parent_cache.h"
#include "util/util.h"

static int in_list(const char *const *l, const char *name)
{
    for (; l && *l; l++)
        if (strcmp(*l, name) == 0)
            return 1;
    return 0;
}

void args_parse(args *a, const char *cmd, int argc, char **argv, const char *const *valued,
                const char *const *bools, const char *const *multi)
{
    a->cmd = cmd;
    a->kv = xcalloc((size_t)argc + 1, sizeof *a->kv);
    a->n = 0;
    for (int i = 0; i < argc; i++) {
        const char *s = argv[i];
        if (strncmp(s, "--", 2) != 0 || !s[2])
            die("%s: unexpected argument '%s' (flags look like --name value)", cmd, s);
        char *name = xstrdup(s + 2);
        char *eq = strchr(name, '=');
        const char *inline_val = NULL;
        if (eq) {
            *eq = 0;
            inline_val = eq + 1;
        }
        if (in_list(bools, name)) {
            if (inline_val)
                die("%s: --%s takes no value", cmd, name);
            a->kv[a->n++] = (arg_kv){name, NULL};
        } else if (in_list(valued, name) || in_list(multi, name)) {
            if (inline_val) {
                a->kv[a->n++] = (arg_kv){name, inline_val};
                continue;
            }
            if (i + 1 >= argc || strncmp(argv[i + 1], "--", 2) == 0)
                die("%s: --%s needs a value", cmd, name);
            a->kv[a->n++] = (arg_kv){name, argv[++i]};
            if (in_list(multi, name))
                while (i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0)
                    a->kv[a->n++] = (arg_kv){xstrdup(name), argv[++i]};
        } else {
            die("%s: unknown flag --%s", cmd, name);
        }
    }
}

const char *args_get(const args *a, const char *name)
{
    const char *v = NULL;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->kv[i].name, name) == 0)
            v = a->kv[i].value;
    return v;
}

const char *args_need(const args *a, const char *name)
{
    const char *v = args_get(a, name);
    if (!v)
        die("%s: --%s is required", a->cmd, name);
    return v;
}

int args_has(const args *a, const char *name)
{
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->kv[i].name, name) == 0)
            return 1;
    return 0;
}

size_t args_count(const args *a, const char *name)
{
    size_t c = 0;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->kv[i].name, name) == 0)
            c++;
    return c;
}

uint64_t parse_u64_or_die(const char *flag, const char *s)
{
    if (!*s || *s < '0' || *s > '9')
        die("--%s %s is not a non-negative integer", flag, s);
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end || errno)
        die("--%s %s is not a non-negative integer", flag, s);
    return v;
}

uint64_t args_u64(const args *a, const char *name, uint64_t dflt)
{
    const char *v = args_get(a, name);
    return v ? parse_u64_or_die(name, v) : dflt;
}

void args_free(args *a)
{
    for (size_t i = 0; i < a->n; i++)
        free((char *)a->kv[i].name);
    free(a->kv);
    a->kv = NULL;
    a->n = 0;
}

uint64_t sector_size_from_args(const args *a)
{
    const char *ss = args_need(a, "sector-size");
    uint64_t size = parse_sector_size(ss);
    if (!size)
        die("%s: --sector-size %s is not one of 2KiB, 8MiB, 512MiB, 32GiB, 64GiB (or their "
            "byte counts)",
            a->cmd, ss);
    return size;
}

const seal_proof *proof_from_args(const args *a)
{
    const char *pn = args_get(a, "proof");
    const char *ss = args_get(a, "sector-size");
    uint64_t size = ss ? sector_size_from_args(a) : 0;
    if (pn) {
        const seal_proof *p = seal_proof_by_name(pn);
        if (!p && *pn >= '0' && *pn <= '9') {
            char *end;
            unsigned long id = strtoul(pn, &end, 10);
            if (!*end)
                p = seal_proof_by_id((unsigned)id);
        }
        if (!p)
            die("%s: --proof %s is not a registered seal proof (e.g. StackedDrg32GiBV1_1 or 8)",
                a->cmd, pn);
        if (args_has(a, "api"))
            die("%s: give either --proof or --api, not both", a->cmd);
        if (size && size != p->sector_size)
            die("%s: --proof %s is for %s sectors, not --sector-size %s", a->cmd, p->name,
                sector_size_name(p->sector_size), ss);
        return p;
    }
    if (!ss)
        die("%s: --sector-size is required", a->cmd);
    api_version api = API_1_1;
    const char *av = args_get(a, "api");
    if (av && parse_api(av, &api) != 0)
        die("%s: --api %s is not 1.0, 1.1 or 1.2", a->cmd, av);
    return seal_proof_for(size, api);
}

unsigned threads_from_args(const args *a)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    uint64_t t = args_u64(a, "threads", n > 0 ? (uint64_t)n : 1);
    if (t < 1 || t > 1024)
        die("%s: --threads must be between 1 and 1024", a->cmd);
    return (unsigned)t;
}

char *parent_dir_from_args(const args *a)
{
    const char *d = args_get(a, "parent-cache");
    return d ? xstrdup(d) : parent_cache_default_dir();
}

pc2_engine engine_from_args(const args *a)
{
    const char *e = args_get(a, "engine");
    if (!e || strcmp(e, "auto") == 0)
        return ENGINE_AUTO;
    if (strcmp(e, "cpu") == 0)
        return ENGINE_CPU;
    if (strcmp(e, "gpu") == 0)
        return ENGINE_GPU;
    die("%s: --engine %s is not auto, cpu or gpu", a->cmd, e);
}

void args_hex32(const args *a, const char *flag, uint8_t out[32])
{
    const char *v = args_need(a, flag);
    if (strlen(v) != 64)
        die("%s: --%s must be 64 hex characters (32 bytes), got %zu characters", a->cmd, flag,
            strlen(v));
    if (hex_decode(v, out, 32) != 0)
        die("%s: --%s %s is not valid hex", a->cmd, flag, v);
}
