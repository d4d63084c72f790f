#include <zlib.h>

// inflateInit2 is a macro in zlib.h, which Swift cannot import.
static inline int authaudit_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}
