/* Small shared helpers: fatal errors, allocation, hex, atomic file output. */
#ifndef SEALER_UTIL_H
#define SEALER_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#if defined(__GNUC__)
#define SEALER_NORETURN __attribute__((noreturn))
#define SEALER_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define SEALER_NORETURN
#define SEALER_PRINTF(a, b)
#endif

/* Prints one error line on stderr and a {"error":...} object on stdout,
 * removes every temporary file still registered, and exits with status 2.
 * The single-line form is what callers (the Java agent) parse. */
SEALER_NORETURN void die(const char *fmt, ...) SEALER_PRINTF(1, 2);

/* Progress messages go to stderr only; SEALER_QUIET=1 silences them. */
void progress(const char *fmt, ...) SEALER_PRINTF(1, 2);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
/* 64-byte aligned, for buffers that SHA and copies stream through. */
void *xmalloc_aligned(size_t n);
char *xstrdup(const char *s);

/* Lowercase hex of bytes in their stored order. out needs 2n+1 bytes. */
void hex_encode(const uint8_t *in, size_t n, char *out);
/* Decodes exactly n bytes from a 2n-character hex string; returns 0 on
 * success, -1 on a wrong length or a non-hex character. */
int hex_decode(const char *s, uint8_t *out, size_t n);

double now_seconds(void);

/* Temp-file registry: die() unlinks every registered path so no half-written
 * output survives under any name. */
void tmp_register(const char *path);
void tmp_unregister(const char *path);

/* An output file written under "<final>.tmp.<pid>" and renamed into place
 * only after a successful fsync, so the final name never names a partial
 * file. Errors are fatal and name the file and the reason. */
typedef struct {
    int fd;
    char *final_path;
    char *tmp_path;
} atomic_file;

void af_open(atomic_file *af, const char *final_path);
void af_write(atomic_file *af, const void *buf, size_t n);
void af_pwrite(atomic_file *af, const void *buf, size_t n, uint64_t off);
void af_truncate(atomic_file *af, uint64_t size);
void af_commit(atomic_file *af);

/* Write all bytes or die naming the path. */
void write_all_or_die(int fd, const void *buf, size_t n, const char *path);
void pwrite_all_or_die(int fd, const void *buf, size_t n, uint64_t off, const char *path);
/* Read exactly n bytes at off or die naming the path (a short read means a
 * truncated file). */
void pread_all_or_die(int fd, void *buf, size_t n, uint64_t off, const char *path);

/* fsync a directory so a rename inside it is durable. */
void fsync_dir_of(const char *path);

/* Ensures dir exists (creating it and parents) and that a file can be
 * created in it; dies with a one-line reason otherwise. */
void ensure_writable_dir(const char *dir, const char *what);
/* Free bytes available to this user on the filesystem holding dir. */
uint64_t fs_free_bytes(const char *dir);
char *path_join(const char *dir, const char *name);

/* JSON string escaping into a FILE. */
void json_str(FILE *f, const char *s);
/* ',"name":"<lowercase hex of b>"' into a FILE: a field after the first. */
void json_hex_field(FILE *f, const char *name, const uint8_t *b, size_t n);

/* The 1-minute load average, or -1 where /proc/loadavg cannot be read;
 * benches print it because the machines they run on are shared. */
double load_average_1m(void);

#endif
