// syncfs(2) is a GNU extension that Swift's Glibc module does not expose; this shim makes it callable.
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

#endif
