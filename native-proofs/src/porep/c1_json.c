#define _GNU_SOURCE
#include "porep/c1_json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

static void jb_reserve(jbuf *j, size_t more)
{
    if (j->n + more + 1 <= j->cap)
        return;
    size_t nc = (j->n + more + 1) * 2;
    char *nb = xmalloc(nc);
    if (j->b) {
        memcpy(nb, j->b, j->n);
        free(j->b);
    }
    j->b = nb;
    j->cap = nc;
}

void jb_put(jbuf *j, const char *s)
{
    size_t l = strlen(s);
    jb_reserve(j, l);
    memcpy(j->b + j->n, s, l);
    j->n += l;
    j->b[j->n] = 0;
}

void jb_printf(jbuf *j, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int l = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (l < 0 || (size_t)l >= sizeof tmp)
        die("internal: JSON fragment too long");
    jb_put(j, tmp);
}

void jb_bytes32(jbuf *j, const uint8_t b[32])
{
    jb_reserve(j, 32 * 4 + 2);
    char *p = j->b + j->n;
    *p++ = '[';
    for (int i = 0; i < 32; i++) {
        if (i)
            *p++ = ',';
        unsigned v = b[i];
        if (v >= 100)
            *p++ = (char)('0' + v / 100);
        if (v >= 10)
            *p++ = (char)('0' + (v / 10) % 10);
        *p++ = (char)('0' + v % 10);
    }
    *p++ = ']';
    j->n = (size_t)(p - j->b);
    j->b[j->n] = 0;
}

/* ---- parser ------------------------------------------------------------ */

typedef struct {
    const char *s, *e, *base;
    char *err;
    size_t errlen;
    int depth;
} jp;

static void ws(jp *p)
{
    while (p->s < p->e && (*p->s == ' ' || *p->s == '\n' || *p->s == '\t' || *p->s == '\r'))
        p->s++;
}

static jnode *fail(jp *p, const char *what)
{
    if (p->err && !p->err[0])
        snprintf(p->err, p->errlen, "%s at byte %ld", what, (long)(p->s - p->base));
    return NULL;
}

static jnode *newnode(jn_type t)
{
    jnode *n = xcalloc(1, sizeof *n);
    n->type = t;
    return n;
}

static void push(jnode *n, jnode *kid, char *key, size_t *cap)
{
    if (n->n == *cap) {
        *cap = *cap ? *cap * 2 : 4;
        jnode **nk = xcalloc(*cap, sizeof *nk);
        if (n->kids) {
            memcpy(nk, n->kids, n->n * sizeof *nk);
            free(n->kids);
        }
        n->kids = nk;
        if (n->type == JN_OBJ) {
            char **kk = xcalloc(*cap, sizeof *kk);
            if (n->keys) {
                memcpy(kk, n->keys, n->n * sizeof *kk);
                free(n->keys);
            }
            n->keys = kk;
        }
    }
    n->kids[n->n] = kid;
    if (n->type == JN_OBJ)
        n->keys[n->n] = key;
    n->n++;
}

static char *parse_str(jp *p)
{
    if (p->s >= p->e || *p->s != '"')
        return NULL;
    p->s++;
    size_t cap = 16, k = 0;
    char *out = xmalloc(cap);
    while (p->s < p->e && *p->s != '"') {
        char c = *p->s++;
        if (c == '\\') {
            if (p->s >= p->e) {
                free(out);
                return NULL;
            }
            c = *p->s++;
            if (c != '"' && c != '\\' && c != '/') {
                free(out);
                return NULL;
            }
        }
        if (k + 2 > cap) {
            cap *= 2;
            char *no = xmalloc(cap);
            memcpy(no, out, k);
            free(out);
            out = no;
        }
        out[k++] = c;
    }
    if (p->s >= p->e) {
        free(out);
        return NULL;
    }
    p->s++;
    out[k] = 0;
    return out;
}

static jnode *parse_val(jp *p)
{
    ws(p);
    if (p->s >= p->e)
        return fail(p, "unexpected end of JSON");
    if (++p->depth > 64)
        return fail(p, "JSON nested too deeply");
    char c = *p->s;
    jnode *n = NULL;
    if (c == '{' || c == '[') {
        int obj = c == '{';
        n = newnode(obj ? JN_OBJ : JN_ARR);
        size_t cap = 0;
        p->s++;
        ws(p);
        if (p->s < p->e && *p->s == (obj ? '}' : ']')) {
            p->s++;
        } else {
            for (;;) {
                char *key = NULL;
                if (obj) {
                    ws(p);
                    key = parse_str(p);
                    if (!key) {
                        json_free(n);
                        return fail(p, "expected a member name");
                    }
                    ws(p);
                    if (p->s >= p->e || *p->s != ':') {
                        free(key);
                        json_free(n);
                        return fail(p, "expected ':'");
                    }
                    p->s++;
                }
                jnode *kid = parse_val(p);
                if (!kid) {
                    free(key);
                    json_free(n);
                    return NULL;
                }
                push(n, kid, key, &cap);
                ws(p);
                if (p->s < p->e && *p->s == ',') {
                    p->s++;
                    continue;
                }
                if (p->s < p->e && *p->s == (obj ? '}' : ']')) {
                    p->s++;
                    break;
                }
                json_free(n);
                return fail(p, obj ? "expected ',' or '}'" : "expected ',' or ']'");
            }
        }
    } else if (c == '"') {
        char *s = parse_str(p);
        if (!s)
            return fail(p, "bad string");
        n = newnode(JN_STR);
        n->str = s;
    } else if (c >= '0' && c <= '9') {
        uint64_t v = 0;
        while (p->s < p->e && *p->s >= '0' && *p->s <= '9') {
            uint64_t d = (uint64_t)(*p->s - '0');
            if (v > (UINT64_MAX - d) / 10)
                return fail(p, "integer too large");
            v = v * 10 + d;
            p->s++;
        }
        if (p->s < p->e && (*p->s == '.' || *p->s == 'e' || *p->s == 'E'))
            return fail(p, "only integers are expected");
        n = newnode(JN_NUM);
        n->num = v;
    } else if (p->e - p->s >= 4 && memcmp(p->s, "null", 4) == 0) {
        p->s += 4;
        n = newnode(JN_NULL);
    } else if (p->e - p->s >= 4 && memcmp(p->s, "true", 4) == 0) {
        p->s += 4;
        n = newnode(JN_BOOL);
        n->num = 1;
    } else if (p->e - p->s >= 5 && memcmp(p->s, "false", 5) == 0) {
        p->s += 5;
        n = newnode(JN_BOOL);
    } else {
        return fail(p, "unexpected character");
    }
    p->depth--;
    return n;
}

jnode *json_parse(const char *text, size_t len, char *err, size_t errlen)
{
    jp p = {text, text + len, text, err, errlen, 0};
    if (err && errlen)
        err[0] = 0;
    jnode *n = parse_val(&p);
    if (!n) {
        if (err && !err[0])
            snprintf(err, errlen, "invalid JSON");
        return NULL;
    }
    ws(&p);
    if (p.s != p.e) {
        json_free(n);
        if (err)
            snprintf(err, errlen, "trailing data after the JSON value");
        return NULL;
    }
    return n;
}

void json_free(jnode *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->n; i++) {
        json_free(n->kids[i]);
        if (n->keys)
            free(n->keys[i]);
    }
    free(n->kids);
    free(n->keys);
    free(n->str);
    free(n);
}

const jnode *jget(const jnode *o, const char *key)
{
    if (!o || o->type != JN_OBJ)
        return NULL;
    for (size_t i = 0; i < o->n; i++)
        if (strcmp(o->keys[i], key) == 0)
            return o->kids[i];
    return NULL;
}

int jbytes32(const jnode *a, uint8_t out[32])
{
    if (!a || a->type != JN_ARR || a->n != 32)
        return -1;
    for (int i = 0; i < 32; i++) {
        if (a->kids[i]->type != JN_NUM || a->kids[i]->num > 255)
            return -1;
        out[i] = (uint8_t)a->kids[i]->num;
    }
    return 0;
}
