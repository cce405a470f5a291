/* Large zeroed buffers for SDR layers, on 2 MiB pages where the host allows:
 * random parent reads over a whole layer (2 GiB for four interleaved 512 MiB
 * sectors) otherwise miss the TLB on almost every access.
 *
 * In order of preference: pages from the hugetlbfs pool (MAP_HUGETLB, only
 * when enough are reserved, vm.nr_hugepages), else a 2 MiB-aligned anonymous
 * mapping advised for transparent huge pages (MADV_HUGEPAGE; the kernel may
 * still give small pages when it cannot find free 2 MiB blocks), else plain
 * small pages. Which one was used, and how much of the buffer really is on
 * huge pages, can be read back for the bench report. */
#ifndef SEALER_HUGE_H
#define SEALER_HUGE_H
#include <stddef.h>
#include <stdint.h>

typedef enum { HUGE_HUGETLB, HUGE_THP, HUGE_SMALL } huge_kind;

typedef struct {
    uint8_t *p;
    size_t len; /* mapped length: the size asked for, rounded up to 2 MiB */
    huge_kind kind;
} huge_buf;

/* Maps n zeroed bytes, 2 MiB aligned; dies naming the size when out of
 * memory. SEALER_HUGETLB=0 skips the hugetlbfs pool. */
void huge_buf_alloc(huge_buf *b, size_t n);
void huge_buf_free(huge_buf *b);

/* "hugetlb", "thp" or "small". */
const char *huge_kind_name(huge_kind k);

/* Bytes of the buffers now backed by huge pages: all of a hugetlbfs buffer,
 * and for the others the AnonHugePages of the mappings that hold them
 * (/proc/self/smaps); -1 when smaps cannot be read. Touched pages only, so
 * call it after the buffers were written. */
int64_t huge_bufs_huge_bytes(const huge_buf *b, size_t n);

#endif
