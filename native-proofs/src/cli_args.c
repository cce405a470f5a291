#include "cli_args.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

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
