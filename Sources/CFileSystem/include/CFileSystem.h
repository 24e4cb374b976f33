// syncfs(2) and pipe2(2) are GNU extensions that Swift's Glibc module does not expose; this shim makes them callable.
#ifndef S3WIZARD_CFILESYSTEM_H
#define S3WIZARD_CFILESYSTEM_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <unistd.h>

/// Flushes the file system that holds `fd` (Linux), or the file itself elsewhere.
static inline int s3w_syncfs(int fd) {
#ifdef __linux__
    return syncfs(fd);
#else
    return fsync(fd);
#endif
}

/// A pipe whose two ends are close-on-exec from the start (no other thread's child can inherit them).
/// Defined in CFileSystem.c: <fcntl.h> here would make Swift see `stat` and `timespec` as this module's.
int s3w_pipe_cloexec(int fds[2]);

#endif
