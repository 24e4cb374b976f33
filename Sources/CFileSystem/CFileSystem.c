// The inline shims live in include/CFileSystem.h; what needs <fcntl.h> is here (see the header).
#include "CFileSystem.h"
#include <fcntl.h>

int s3w_pipe_cloexec(int fds[2]) {
#ifdef __linux__
    return pipe2(fds, O_CLOEXEC);
#else
    if (pipe(fds) != 0) return -1;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return 0;
#endif
}
