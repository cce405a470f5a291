/* Minimal JSON for the C1 output: an append-only writer into memory, and a
 * strict parser (objects, arrays, unsigned integers, strings without
 * escapes beyond \" \\ \/, null, true, false) for verify-c1. */
#ifndef SEALER_C1_JSON_H
#define SEALER_C1_JSON_H
#include <stddef.h>
#include <stdint.h>

typedef struct {
    char *b;
    size_t n, cap;
} jbuf;

void jb_put(jbuf *j, const char *s);
void jb_printf(jbuf *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A 32-byte value as serde writes [u8; 32]: an array of 32 integers. */
void jb_bytes32(jbuf *j, const uint8_t b[32]);

typedef enum { JN_NULL, JN_BOOL, JN_NUM, JN_STR, JN_ARR, JN_OBJ } jn_type;

typedef struct jnode {
    jn_type type;
    uint64_t num;         /* JN_NUM (non-negative integers), JN_BOOL */
    char *str;            /* JN_STR; object member key for members */
    struct jnode **kids;  /* JN_ARR / JN_OBJ elements */
    char **keys;          /* JN_OBJ */
    size_t n;
} jnode;

/* Parses text (len bytes). Returns NULL and sets err on failure. */
jnode *json_parse(const char *text, size_t len, char *err, size_t errlen);
void json_free(jnode *n);
/* Object member or NULL. */
const jnode *jget(const jnode *o, const char *key);
/* Reads a [32 ints] array; returns 0 or -1. */
int jbytes32(const jnode *a, uint8_t out[32]);

#endif
