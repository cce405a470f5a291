#define _GNU_SOURCE
#include "util/huge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "util/util.h"

#define HUGE_PAGE (2u << 20)

#ifndef MAP_HUGE_SHIFT
#define MAP_HUGE_SHIFT 26
#endif
#ifndef MAP_HUGE_2MB
#define MAP_HUGE_2MB (21 << MAP_HUGE_SHIFT)
#endif

/* Free 2 MiB pages of the hugetlbfs pool, from /proc/meminfo (0 if none). */
static uint64_t hugetlb_free_pages(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    if (!f)
        return 0;
    char line[256];
    unsigned long long free_pages = 0, size_kb = 0;
    while (fgets(line, sizeof line, f)) {
        sscanf(line, "HugePages_Free: %llu", &free_pages);
        sscanf(line, "Hugepagesize: %llu kB", &size_kb);
    }
    fclose(f);
    return size_kb == HUGE_PAGE / 1024 ? free_pages : 0;
}

static int hugetlb_wanted(void)
{
    const char *e = getenv("SEALER_HUGETLB");
    return !(e && strcmp(e, "0") == 0);
}

void huge_buf_alloc(huge_buf *b, size_t n)
{
    size_t len = (n + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);
    if (len == 0)
        len = HUGE_PAGE;
    b->len = len;
    /* The pool is reserved at mmap time (no MAP_NORESERVE), so a pool that
     * is too small fails here, not later with SIGBUS. */
    if (hugetlb_wanted() && hugetlb_free_pages() >= len / HUGE_PAGE) {
        void *m = mmap(NULL, len, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | MAP_HUGE_2MB, -1, 0);
        if (m != MAP_FAILED) {
            b->p = m;
            b->kind = HUGE_HUGETLB;
            return;
        }
    }
    /* Over-map by one huge page and trim so the buffer is 2 MiB aligned:
     * only an aligned 2 MiB range can become one huge page. */
    uint8_t *m = mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                      -1, 0);
    if (m == MAP_FAILED)
        die("out of memory mapping %zu bytes", n);
    uintptr_t a = ((uintptr_t)m + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
    if (a > (uintptr_t)m)
        munmap(m, a - (uintptr_t)m);
    size_t tail = (size_t)((uintptr_t)m + len + HUGE_PAGE - (a + len));
    if (tail)
        munmap((void *)(a + len), tail);
    b->p = (uint8_t *)a;
    b->kind = HUGE_SMALL;
#ifdef MADV_HUGEPAGE
    if (madvise(b->p, len, MADV_HUGEPAGE) == 0)
        b->kind = HUGE_THP;
#endif
}

void huge_buf_free(huge_buf *b)
{
    if (b->p)
        munmap(b->p, b->len);
    b->p = NULL;
    b->len = 0;
}

const char *huge_kind_name(huge_kind k)
{
    return k == HUGE_HUGETLB ? "hugetlb" : k == HUGE_THP ? "thp" : "small";
}

static int overlaps(const huge_buf *b, size_t n, uintptr_t lo, uintptr_t hi)
{
    for (size_t i = 0; i < n; i++)
        if (b[i].kind != HUGE_HUGETLB && b[i].p && (uintptr_t)b[i].p < hi &&
            lo < (uintptr_t)b[i].p + b[i].len)
            return 1;
    return 0;
}

int64_t huge_bufs_huge_bytes(const huge_buf *b, size_t n)
{
    int64_t total = 0;
    int need_smaps = 0;
    for (size_t i = 0; i < n; i++) {
        if (b[i].kind == HUGE_HUGETLB)
            total += (int64_t)b[i].len;
        else if (b[i].p)
            need_smaps = 1;
    }
    if (!need_smaps)
        return total;
    FILE *f = fopen("/proc/self/smaps", "r");
    if (!f)
        return -1;
    /* A mapping's header line is "lo-hi perms ..."; its AnonHugePages line
     * follows. Adjacent advised buffers may share one mapping, which is then
     * counted once. */
    char line[512];
    int inside = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long long lo, hi, kb;
        char dash;
        if (sscanf(line, "%llx%c%llx ", &lo, &dash, &hi) == 3 && dash == '-') {
            inside = overlaps(b, n, (uintptr_t)lo, (uintptr_t)hi);
            continue;
        }
        if (inside && sscanf(line, "AnonHugePages: %llu kB", &kb) == 1)
            total += (int64_t)kb * 1024;
    }
    fclose(f);
    return total;
}
