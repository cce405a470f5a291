#define _GNU_SOURCE
#include "piece/read_unsealed.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "field/fr32.h"
#include "porep/proofs.h"
#include "util/util.h"

uint64_t read_unsealed_range(const char *unsealed, uint64_t sector_size, uint64_t offset,
                             uint64_t length, const char *out)
{
    int fd = open(unsealed, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        die("read-unsealed: cannot open --unsealed %s: %s", unsealed, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || (uint64_t)st.st_size != sector_size)
        die("read-unsealed: --unsealed %s has %lld bytes; a %s sector's unsealed file has exactly %llu",
            unsealed, (long long)st.st_size, sector_size_name(sector_size),
            (unsigned long long)sector_size);
    uint64_t cap = fr32_unpadded_of(sector_size);
    if (length == 0 || offset > cap || length > cap - offset)
        die("read-unsealed: --offset %llu --length %llu is outside the %s sector's %llu unpadded bytes",
            (unsigned long long)offset, (unsigned long long)length, sector_size_name(sector_size),
            (unsigned long long)cap);
    uint64_t pstart, pend;
    fr32_quanta_of(offset, length, &pstart, &pend);
    const uint64_t CH = 1 << 20; /* padded bytes per step, a multiple of 128 */
    uint8_t *pad = xmalloc(CH), *unp = xmalloc(CH);
    atomic_file af;
    af_open(&af, out);
    uint64_t written = 0;
    for (uint64_t pos = pstart; pos < pend; pos += CH) {
        uint64_t n = pend - pos < CH ? pend - pos : CH;
        pread_all_or_die(fd, pad, n, pos, unsealed);
        uint64_t count;
        const uint8_t *w = fr32_unpad_window(pad, pos, n, offset, length, unp, &count);
        af_write(&af, w, count);
        written += count;
    }
    af_commit(&af);
    close(fd);
    free(pad);
    free(unp);
    return written;
}
