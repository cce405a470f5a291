#define _GNU_SOURCE
#include "util/util.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#define MAX_TMP 256
static char *tmp_paths[MAX_TMP];
static pthread_mutex_t tmp_lock = PTHREAD_MUTEX_INITIALIZER;

void tmp_register(const char *path)
{
    pthread_mutex_lock(&tmp_lock);
    for (int i = 0; i < MAX_TMP; i++) {
        if (!tmp_paths[i]) {
            tmp_paths[i] = strdup(path);
            break;
        }
    }
    pthread_mutex_unlock(&tmp_lock);
}

void tmp_unregister(const char *path)
{
    pthread_mutex_lock(&tmp_lock);
    for (int i = 0; i < MAX_TMP; i++) {
        if (tmp_paths[i] && strcmp(tmp_paths[i], path) == 0) {
            free(tmp_paths[i]);
            tmp_paths[i] = NULL;
            break;
        }
    }
    pthread_mutex_unlock(&tmp_lock);
}

static void remove_tmp_files(void)
{
    /* No lock: die() may run while another thread holds it; unlinking a
     * stale snapshot of the table is harmless at exit. */
    for (int i = 0; i < MAX_TMP; i++)
        if (tmp_paths[i])
            unlink(tmp_paths[i]);
}

void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

void die(const char *fmt, ...)
{
    static int dying;
    if (__atomic_exchange_n(&dying, 1, __ATOMIC_SEQ_CST)) {
        /* A second thread failing at the same time: let the first report. */
        for (;;)
            pause();
    }
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    for (char *p = msg; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    remove_tmp_files();
    fprintf(stderr, "sealer: error: %s\n", msg);
    fputs("{\"error\":", stdout);
    json_str(stdout, msg);
    fputs("}\n", stdout);
    fflush(stdout);
    fflush(stderr);
    _exit(2);
}

void progress(const char *fmt, ...)
{
    static int quiet = -1;
    if (quiet < 0) {
        const char *q = getenv("SEALER_QUIET");
        quiet = q && *q && strcmp(q, "0") != 0;
    }
    if (quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    fputs("sealer: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory allocating %zu bytes", n);
    return p;
}

void *xcalloc(size_t n, size_t m)
{
    void *p = calloc(n ? n : 1, m ? m : 1);
    if (!p)
        die("out of memory allocating %zu bytes", n * m);
    return p;
}

void *xmalloc_aligned(size_t n)
{
    void *p = NULL;
    if (posix_memalign(&p, 64, n ? n : 64) != 0)
        die("out of memory allocating %zu bytes", n);
    return p;
}

char *xstrdup(const char *s)
{
    char *p = strdup(s);
    if (!p)
        die("out of memory");
    return p;
}

void hex_encode(const uint8_t *in, size_t n, char *out)
{
    static const char d[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = d[in[i] >> 4];
        out[2 * i + 1] = d[in[i] & 15];
    }
    out[2 * n] = 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int hex_decode(const char *s, uint8_t *out, size_t n)
{
    if (strlen(s) != 2 * n)
        return -1;
    for (size_t i = 0; i < n; i++) {
        int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return 0;
}

double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

char *path_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = xmalloc(a + b + 2);
    memcpy(p, dir, a);
    size_t k = a;
    if (a && dir[a - 1] != '/')
        p[k++] = '/';
    memcpy(p + k, name, b + 1);
    return p;
}

/* Writes all n bytes at off, or at the file position when off < 0. */
static void write_fully(int fd, const uint8_t *p, size_t n, int64_t off, const char *path)
{
    while (n) {
        ssize_t w = off < 0 ? write(fd, p, n) : pwrite(fd, p, n, (off_t)off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            die("cannot write %s: %s", path, strerror(errno));
        }
        p += w;
        n -= (size_t)w;
        if (off >= 0)
            off += w;
    }
}

void write_all_or_die(int fd, const void *buf, size_t n, const char *path)
{
    write_fully(fd, buf, n, -1, path);
}

void pwrite_all_or_die(int fd, const void *buf, size_t n, uint64_t off, const char *path)
{
    write_fully(fd, buf, n, (int64_t)off, path);
}

void pread_all_or_die(int fd, void *buf, size_t n, uint64_t off, const char *path)
{
    uint8_t *p = buf;
    while (n) {
        ssize_t r = pread(fd, p, n, (off_t)off);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            die("cannot read %s: %s", path, strerror(errno));
        }
        if (r == 0)
            die("%s is truncated: unexpected end of file at byte %llu", path,
                (unsigned long long)off);
        p += r;
        n -= (size_t)r;
        off += (uint64_t)r;
    }
}

void fsync_dir_of(const char *path)
{
    char *d = xstrdup(path);
    char *slash = strrchr(d, '/');
    if (slash == d)
        d[1] = 0;
    else if (slash)
        *slash = 0;
    else
        strcpy(d, ".");
    int fd = open(d, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(d);
}

void af_open(atomic_file *af, const char *final_path)
{
    /* A write past RLIMIT_FSIZE must surface as EFBIG, not kill us with
     * SIGXFSZ before the temporary file is cleaned up. */
    signal(SIGXFSZ, SIG_IGN);
    af->final_path = xstrdup(final_path);
    size_t n = strlen(final_path) + 32;
    af->tmp_path = xmalloc(n);
    snprintf(af->tmp_path, n, "%s.tmp.%ld", final_path, (long)getpid());
    af->fd = open(af->tmp_path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (af->fd < 0)
        die("cannot create %s: %s", af->tmp_path, strerror(errno));
    tmp_register(af->tmp_path);
}

void af_write(atomic_file *af, const void *buf, size_t n)
{
    write_all_or_die(af->fd, buf, n, af->final_path);
}

void af_pwrite(atomic_file *af, const void *buf, size_t n, uint64_t off)
{
    pwrite_all_or_die(af->fd, buf, n, off, af->final_path);
}

void af_truncate(atomic_file *af, uint64_t size)
{
    if (ftruncate(af->fd, (off_t)size) != 0)
        die("cannot extend %s to %llu bytes: %s", af->final_path,
            (unsigned long long)size, strerror(errno));
}

void af_commit(atomic_file *af)
{
    if (fsync(af->fd) != 0)
        die("cannot write %s: fsync: %s", af->final_path, strerror(errno));
    if (close(af->fd) != 0)
        die("cannot write %s: close: %s", af->final_path, strerror(errno));
    if (rename(af->tmp_path, af->final_path) != 0)
        die("cannot rename %s to %s: %s", af->tmp_path, af->final_path, strerror(errno));
    tmp_unregister(af->tmp_path);
    fsync_dir_of(af->final_path);
    free(af->tmp_path);
    free(af->final_path);
    af->fd = -1;
}

static void mkdir_p(const char *dir, const char *what)
{
    char *d = xstrdup(dir);
    for (char *p = d + 1; *p; p++) {
        if (*p == '/') {
            *p = 0;
            if (mkdir(d, 0755) != 0 && errno != EEXIST)
                die("%s %s: cannot create %s: %s", what, dir, d, strerror(errno));
            *p = '/';
        }
    }
    if (mkdir(d, 0755) != 0 && errno != EEXIST)
        die("%s %s: cannot create it: %s", what, dir, strerror(errno));
    free(d);
}

void ensure_writable_dir(const char *dir, const char *what)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        if (errno != ENOENT)
            die("%s %s: %s", what, dir, strerror(errno));
        mkdir_p(dir, what);
        if (stat(dir, &st) != 0)
            die("%s %s: %s", what, dir, strerror(errno));
    }
    if (!S_ISDIR(st.st_mode))
        die("%s %s is not a directory", what, dir);
    /* access() is not enough (root bypasses modes, read-only mounts), so
     * probe by creating a file. */
    char *probe = path_join(dir, ".sealer-write-probe");
    size_t n = strlen(probe) + 24;
    char *p2 = xmalloc(n);
    snprintf(p2, n, "%s.%ld", probe, (long)getpid());
    int fd = open(p2, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        die("%s %s is not writable: %s", what, dir, strerror(errno));
    close(fd);
    unlink(p2);
    free(p2);
    free(probe);
}

uint64_t fs_free_bytes(const char *dir)
{
    struct statvfs sv;
    if (statvfs(dir, &sv) != 0)
        die("cannot stat filesystem of %s: %s", dir, strerror(errno));
    return (uint64_t)sv.f_bavail * (uint64_t)sv.f_frsize;
}

void json_hex_field(FILE *f, const char *name, const uint8_t *b, size_t n)
{
    char *h = xmalloc(2 * n + 1);
    hex_encode(b, n, h);
    fprintf(f, ",\"%s\":\"%s\"", name, h);
    free(h);
}

double load_average_1m(void)
{
    double l = -1;
    FILE *f = fopen("/proc/loadavg", "r");
    if (f) {
        if (fscanf(f, "%lf", &l) != 1)
            l = -1;
        fclose(f);
    }
    return l;
}
