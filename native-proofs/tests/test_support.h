/* What every test binary shares: the check counters, the CHECK macro that
 * records a failure and carries on, hex expectations, and the work
 * directory a group may write into. */
#ifndef SEALER_TEST_SUPPORT_H
#define SEALER_TEST_SUPPORT_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

extern int failures, checks;
extern const char *workdir;

#define CHECK(cond, ...)                                         \
    do {                                                         \
        checks++;                                                \
        if (!(cond)) {                                           \
            failures++;                                          \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
            fprintf(stderr, __VA_ARGS__);                        \
            fputc('\n', stderr);                                 \
        }                                                        \
    } while (0)

/* CHECKs that the n bytes of b are the lowercase hex string hex. */
void expect_hex(const char *what, const uint8_t *b, size_t n, const char *hex);
/* Decodes a hex literal of the test itself; a malformed one ends the run. */
void unhex(const char *s, uint8_t *out, size_t n);

#endif
