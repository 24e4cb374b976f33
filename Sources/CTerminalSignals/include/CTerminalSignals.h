// Signal handling for the wizard (see signals.c).
#ifndef S3WIZARD_CTERMINALSIGNALS_H
#define S3WIZARD_CTERMINALSIGNALS_H

#include <stddef.h>

/// SIGTERM, SIGHUP, SIGINT and SIGTSTP only record the signal (no SA_RESTART: a blocking read returns early).
void s3w_install_signal_flags(void);
void s3w_restore_signal_flags(void);
/// The last termination signal since the previous call (0: none), cleared.
int s3w_pending_signal(void);

/// What the crash handler writes (path NULL: nothing), to `path` or else `fallback` (may be NULL). Main
/// thread only. The handler creates the draft's directory.
int s3w_set_crash_draft(const char *path, const char *fallback, const char *bytes, size_t length);
/// SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE: save the draft, endwin, say where, re-raise.
void s3w_install_crash_handler(void);
void s3w_restore_crash_handler(void);

/// Writes ESC [?2004h (on) or ESC [?2004l (off) to standard output; the crash handler writes "off" when on.
void s3w_set_bracketed_paste(int on);

#endif
