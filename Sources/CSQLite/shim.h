#include <sqlite3.h>

// sqlite3_config is variadic, which Swift cannot call. Turning off memory statistics removes a
// global mutex from every SQLite allocation; it must happen before SQLite is first used.
static inline int authaudit_sqlite3_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
