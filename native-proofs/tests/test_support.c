#include "test_support.h"

#include <stdlib.h>
#include <string.h>

#include "util/util.h"

int failures, checks;
const char *workdir = ".";

void expect_hex(const char *what, const uint8_t *b, size_t n, const char *hex)
{
    char h[1024];
    hex_encode(b, n, h);
    CHECK(strcmp(h, hex) == 0, "%s: got %s want %s", what, h, hex);
}

void unhex(const char *s, uint8_t *out, size_t n)
{
    if (hex_decode(s, out, n) != 0) {
        fprintf(stderr, "bad hex in test: %s\n", s);
        exit(3);
    }
}
