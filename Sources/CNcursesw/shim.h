// The few ncurses entry points TerminalBackend needs, wrapped where Swift cannot call them directly.
// Signal handling lives in the CTerminalSignals target: its state must exist exactly once.
#ifndef S3WIZARD_CNCURSESW_SHIM_H
#define S3WIZARD_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
// Must come before curses.h: selects the wide-character API (cchar_t, wget_wch, setcchar).
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
// Not <term.h>: it defines macros named `lines` and `columns`. tigetstr is declared by curses.h.

#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

// MARK: - Globals and macros Swift cannot import

static inline WINDOW *s3w_stdscr(void) { return stdscr; }
static inline int s3w_colors(void) { return COLORS; }
static inline int s3w_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t s3w_a_normal(void) { return A_NORMAL; }
static inline attr_t s3w_a_bold(void) { return A_BOLD; }
static inline attr_t s3w_a_underline(void) { return A_UNDERLINE; }
static inline attr_t s3w_a_reverse(void) { return A_REVERSE; }
static inline attr_t s3w_a_dim(void) { return A_DIM; }

/// tigetstr returns NULL (absent) or (char *)-1 (not a string capability) when the terminal lacks `name`.
static inline int s3w_has_string_capability(const char *name) {
    char *value = tigetstr(name);
    return value != NULL && value != (char *)-1 && value[0] != '\0';
}

/// 1 when the current LC_CTYPE codeset is UTF-8.
static inline int s3w_codeset_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/// Writes one cell: a spacing character plus up to CCHARW_MAX - 1 combining marks (`count` wide chars).
/// Writing the bottom-right cell returns ERR (the cursor cannot advance); the cell is written anyway.
static inline int s3w_put_cell(WINDOW *win, int y, int x, const wchar_t *chars, int count, attr_t attrs, int pair) {
    wchar_t text[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 0; i < n; i++) text[i] = chars[i];
    text[n] = L'\0';
    cchar_t cell;
    if (setcchar(&cell, text, attrs, (short)pair, NULL) == ERR) return ERR;
    return mvwadd_wch(win, y, x, &cell);
}

/// Reads the characters of one cell back (tests); returns the number of wide chars stored in `out`.
static inline int s3w_read_cell(WINDOW *win, int y, int x, wchar_t *out, int capacity) {
    cchar_t cell;
    if (mvwin_wch(win, y, x, &cell) == ERR) return 0;
    wchar_t text[CCHARW_MAX + 1];
    attr_t attrs;
    short pair;
    if (getcchar(&cell, text, &attrs, &pair, NULL) == ERR) return 0;
    int n = 0;
    while (n < CCHARW_MAX && n < capacity && text[n] != L'\0') { out[n] = text[n]; n++; }
    return n;
}

/// A FILE for a duplicate of `fd`, so closing the screen's streams leaves stdin/stdout open.
static inline FILE *s3w_fdopen_dup(int fd, const char *mode) {
    int copy = dup(fd);
    if (copy < 0) return NULL;
    FILE *file = fdopen(copy, mode);
    if (file == NULL) close(copy);
    return file;
}

#endif
