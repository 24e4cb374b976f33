// Signal handling for the wizard: termination signals only set a flag the event loop reads; crash signals
// write the registered draft with async-signal-safe calls, restore the terminal and re-raise.
// A C file (not the shim header) so this state exists exactly once in the binary.

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "CTerminalSignals.h"

// MARK: - Termination signals (SIGTERM, SIGHUP, SIGINT): only recorded, the app saves and exits itself

static volatile sig_atomic_t s3w_signal_received = 0;
static void *s3w_saved_termination_storage = NULL;
static int s3w_termination_installed = 0;
// SIGTSTP (a stop from outside: the terminal is raw, so Ctrl-Z is a key) is recorded too: the app gives the
// terminal back (bracketed paste off, endwin), stops itself, and takes the terminal again when continued.
#define S3W_FLAG_SIGNALS 4
static const int s3w_termination_signals[S3W_FLAG_SIGNALS] = { SIGTERM, SIGHUP, SIGINT, SIGTSTP };

static void s3w_record_signal(int sig) { s3w_signal_received = sig; }

/// Installed without SA_RESTART so a blocking read returns early and the app sees the flag promptly.
void s3w_install_signal_flags(void) {
    if (s3w_termination_installed) return;
    if (s3w_saved_termination_storage == NULL) s3w_saved_termination_storage = calloc(S3W_FLAG_SIGNALS, sizeof(struct sigaction));
    struct sigaction *s3w_saved_termination = s3w_saved_termination_storage;
    if (s3w_saved_termination == NULL) return;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = s3w_record_signal;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < S3W_FLAG_SIGNALS; i++) sigaction(s3w_termination_signals[i], &action, &s3w_saved_termination[i]);
    s3w_termination_installed = 1;
}

void s3w_restore_signal_flags(void) {
    if (!s3w_termination_installed) return;
    struct sigaction *s3w_saved_termination = s3w_saved_termination_storage;
    for (int i = 0; i < S3W_FLAG_SIGNALS; i++) sigaction(s3w_termination_signals[i], &s3w_saved_termination[i], NULL);
    s3w_termination_installed = 0;
}

/// The last termination signal received since the previous call (0: none), cleared.
int s3w_pending_signal(void) {
    int sig = s3w_signal_received;
    s3w_signal_received = 0;
    return sig;
}

// MARK: - Bracketed paste: on while the wizard runs; a crash turns it off with the terminal's other modes

static volatile sig_atomic_t s3w_bracketed_paste_on = 0;

static void s3w_write_all(int fd, const char *bytes, size_t length);

void s3w_set_bracketed_paste(int on) {
    static const char enable[] = "\033[?2004h", disable[] = "\033[?2004l";
    s3w_write_all(1, on ? enable : disable, sizeof enable - 1);
    s3w_bracketed_paste_on = on;
}

// MARK: - Crash handler: save the draft, restore the terminal, say where the draft is, re-raise

struct s3w_crash_file {
    char *path;
    char *temporary_path; // written first, then renamed, so a failed write keeps an older draft
};

struct s3w_crash_draft {
    struct s3w_crash_file files[2]; // the draft location, then the fallback (path NULL: none)
    char *bytes;
    size_t length;
};

static struct s3w_crash_draft *volatile s3w_current_draft = NULL;
static void *s3w_saved_crash_storage = NULL;
static int s3w_crash_installed = 0;
static const int s3w_crash_signals[6] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
static char *s3w_alternate_stack = NULL;

static void s3w_free_draft(struct s3w_crash_draft *draft) {
    if (draft == NULL) return;
    for (int i = 0; i < 2; i++) {
        free(draft->files[i].path);
        free(draft->files[i].temporary_path);
    }
    free(draft->bytes);
    free(draft);
}

/// mkdir -p of the directory holding `path`, so a crash on a first run still has somewhere to write.
/// In the handler: a copy on the (alternate) stack and mkdir only, both async-signal-safe.
static void s3w_make_parent_directories(const char *path) {
    char copy[4096];
    size_t length = strlen(path);
    if (length >= sizeof copy) return;
    memcpy(copy, path, length + 1);
    char *last = strrchr(copy, '/');
    if (last == NULL || last == copy) return;
    for (char *slash = strchr(copy + 1, '/'); slash != NULL && slash <= last; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        if (mkdir(copy, 0700) != 0 && errno != EEXIST) return;
        *slash = '/';
    }
}

static int s3w_copy_file_names(struct s3w_crash_file *file, const char *path) {
    if (path == NULL) return 0;
    size_t path_length = strlen(path);
    file->path = malloc(path_length + 1);
    file->temporary_path = malloc(path_length + 8);
    if (file->path == NULL || file->temporary_path == NULL) return -1;
    memcpy(file->path, path, path_length + 1);
    memcpy(file->temporary_path, path, path_length);
    memcpy(file->temporary_path + path_length, ".crash", 7);
    return 0;
}

/// Registers what the crash handler writes (path NULL: nothing) and where, if that fails (fallback, may be
/// NULL). Main thread only: the new draft is built completely, published with one pointer store, and only
/// then is the old one freed.
int s3w_set_crash_draft(const char *path, const char *fallback, const char *bytes, size_t length) {
    struct s3w_crash_draft *draft = NULL;
    if (path != NULL) {
        draft = calloc(1, sizeof *draft);
        if (draft == NULL) return -1;
        draft->bytes = malloc(length > 0 ? length : 1);
        if (draft->bytes == NULL || s3w_copy_file_names(&draft->files[0], path) != 0
            || s3w_copy_file_names(&draft->files[1], fallback) != 0) {
            s3w_free_draft(draft);
            return -1;
        }
        if (length > 0) memcpy(draft->bytes, bytes, length);
        draft->length = length;
    }
    struct s3w_crash_draft *old = s3w_current_draft;
    __atomic_store_n(&s3w_current_draft, draft, __ATOMIC_SEQ_CST);
    s3w_free_draft(old);
    return 0;
}

static void s3w_write_all(int fd, const char *bytes, size_t length) {
    while (length > 0) {
        ssize_t written = write(fd, bytes, length);
        if (written <= 0) return;
        bytes += written;
        length -= (size_t)written;
    }
}

/// mkdir/open/write/close/rename only: all async-signal-safe.
static int s3w_save_draft_now(const struct s3w_crash_draft *draft, const struct s3w_crash_file *file) {
    if (file->path == NULL) return 0;
    s3w_make_parent_directories(file->path);
    int fd = open(file->temporary_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return 0;
    const char *bytes = draft->bytes;
    size_t left = draft->length;
    int ok = 1;
    while (left > 0) {
        ssize_t written = write(fd, bytes, left);
        if (written <= 0) { ok = 0; break; }
        bytes += written;
        left -= (size_t)written;
    }
    if (close(fd) != 0) ok = 0;
    if (ok && rename(file->temporary_path, file->path) != 0) ok = 0;
    if (!ok) unlink(file->temporary_path);
    return ok;
}

static void s3w_crash_handler(int sig) {
    const struct s3w_crash_draft *draft = __atomic_load_n(&s3w_current_draft, __ATOMIC_SEQ_CST);
    const struct s3w_crash_file *saved = NULL;
    for (int i = 0; draft != NULL && saved == NULL && i < 2; i++) {
        if (s3w_save_draft_now(draft, &draft->files[i])) saved = &draft->files[i];
    }
    endwin(); // best effort: not async-signal-safe, but the user gets their terminal back
    if (s3w_bracketed_paste_on) s3w_set_bracketed_paste(0);

    char number[12];
    int digits = 0;
    int value = sig;
    do { number[sizeof number - 1 - digits++] = (char)('0' + value % 10); value /= 10; } while (value > 0 && digits < 11);
    static const char prefix[] = "\r\ns3wizard: crashed (signal ";
    s3w_write_all(2, prefix, sizeof prefix - 1);
    s3w_write_all(2, number + sizeof number - digits, (size_t)digits);
    if (saved) {
        static const char middle[] = "); your answers were saved to ";
        s3w_write_all(2, middle, sizeof middle - 1);
        s3w_write_all(2, saved->path, strlen(saved->path));
        s3w_write_all(2, "\n", 1);
    } else if (draft != NULL) {
        static const char lost[] = "); your unsaved answers could NOT be saved (tried ";
        s3w_write_all(2, lost, sizeof lost - 1);
        s3w_write_all(2, draft->files[0].path, strlen(draft->files[0].path));
        if (draft->files[1].path != NULL) {
            s3w_write_all(2, " and ", 5);
            s3w_write_all(2, draft->files[1].path, strlen(draft->files[1].path));
        }
        s3w_write_all(2, ")\n", 2);
    } else {
        s3w_write_all(2, ")\n", 2);
    }

    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(sig, &action, NULL);
    raise(sig); // delivered on return with the default action: terminates (and may dump core)
}

/// Runs on an alternate stack so a stack overflow (SIGSEGV) can still save the draft.
void s3w_install_crash_handler(void) {
    if (s3w_crash_installed) return;
    if (s3w_saved_crash_storage == NULL) s3w_saved_crash_storage = calloc(6, sizeof(struct sigaction));
    struct sigaction *s3w_saved_crash = s3w_saved_crash_storage;
    if (s3w_saved_crash == NULL) return;
    if (s3w_alternate_stack == NULL) {
        size_t size = 64 * 1024;
        s3w_alternate_stack = malloc(size);
        if (s3w_alternate_stack != NULL) {
            stack_t stack;
            memset(&stack, 0, sizeof stack);
            stack.ss_sp = s3w_alternate_stack;
            stack.ss_size = size;
            sigaltstack(&stack, NULL);
        }
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = s3w_crash_handler;
    action.sa_flags = SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < 6; i++) sigaction(s3w_crash_signals[i], &action, &s3w_saved_crash[i]);
    s3w_crash_installed = 1;
}

void s3w_restore_crash_handler(void) {
    if (!s3w_crash_installed) return;
    struct sigaction *s3w_saved_crash = s3w_saved_crash_storage;
    for (int i = 0; i < 6; i++) sigaction(s3w_crash_signals[i], &s3w_saved_crash[i], NULL);
    s3w_crash_installed = 0;
}

