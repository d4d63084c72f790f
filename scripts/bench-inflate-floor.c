/*
 * The inflate floor for the ingest benchmark: decodes each gzip file named on the command line
 * with zlib on one core and throws the output away. Any program that reads these files has to do
 * at least this much work. A file that does not start with the gzip magic bytes is only read.
 *
 * Build: cc -O2 -o bench-inflate-floor scripts/bench-inflate-floor.c -lz
 * Prints the number of decoded bytes over all files; exits 1 when a file cannot be read or decoded.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

enum { chunk = 256 * 1024 };

static unsigned char input[chunk];
static unsigned char output[chunk];

/* Decodes every gzip member of an open file; returns the decoded size, or -1 on an error. */
static long long inflate_file(int fd, const char *path) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (inflateInit2(&stream, 15 + 16) != Z_OK) return -1;
    long long total = 0;
    int code = Z_OK;
    ssize_t count;
    while ((count = read(fd, input, chunk)) > 0) {
        stream.next_in = input;
        stream.avail_in = (uInt)count;
        while (stream.avail_in > 0) {
            if (code == Z_STREAM_END) inflateReset(&stream);
            stream.next_out = output;
            stream.avail_out = chunk;
            code = inflate(&stream, Z_NO_FLUSH);
            if (code != Z_OK && code != Z_STREAM_END && code != Z_BUF_ERROR) {
                fprintf(stderr, "%s: zlib error %d\n", path, code);
                inflateEnd(&stream);
                return -1;
            }
            total += chunk - stream.avail_out;
        }
    }
    inflateEnd(&stream);
    return count < 0 ? -1 : total;
}

int main(int argc, char **argv) {
    long long total = 0;
    for (int i = 1; i < argc; i++) {
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0) { perror(argv[i]); return 1; }
        unsigned char magic[2];
        ssize_t got = read(fd, magic, 2);
        lseek(fd, 0, SEEK_SET);
        long long size;
        if (got == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
            size = inflate_file(fd, argv[i]);
        } else {
            size = 0;
            ssize_t count;
            while ((count = read(fd, input, chunk)) > 0) size += count;
            if (count < 0) size = -1;
        }
        close(fd);
        if (size < 0) { fprintf(stderr, "%s: read failed\n", argv[i]); return 1; }
        total += size;
    }
    printf("%lld\n", total);
    return 0;
}
