import CFileSystem
import Glibc

// Starting the AWS CLI with POSIX alone (posix_spawn, pipes, poll, waitpid) instead of Foundation's Process, which
// would link Foundation into every build of s3wizard (docs/architecture.md, "Foundation").

/// One child process: run to its end, its stdout and stderr collected.
enum ChildProcess {
    /// Runs `executable` (a path, not looked up on PATH) with `arguments` and exactly `environment`, stdin
    /// `/dev/null` (a CLI prompt would otherwise wait forever), stdout and stderr drained together so a full pipe
    /// cannot stall the child. Nil when it cannot be started. The status is the exit code, or the signal that
    /// ended it (as Foundation's `terminationStatus`).
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) -> ProcessOutput? {
        // Close-on-exec from the start: calls run on several threads at once, and a pipe end inherited by
        // another child would hold that pipe open until the other child exits.
        var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        guard s3w_pipe_cloexec(&outPipe) == 0 else { return nil }
        guard s3w_pipe_cloexec(&errPipe) == 0 else { close(outPipe[0]); close(outPipe[1]); return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        // The child starts with default signal handling and nothing blocked, whatever the wizard set up.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(outPipe[1]); close(errPipe[1])
        guard spawned == 0 else { close(outPipe[0]); close(errPipe[0]); return nil }

        let (stdout, stderr) = drain(outPipe[0], errPipe[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        // <sys/wait.h>'s macros, which Swift does not import: low 7 bits the signal, 0 for a normal exit.
        let signal = status & 0x7F
        return ProcessOutput(status: signal == 0 ? (status >> 8) & 0xFF : signal,
                             stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Reads both pipes to their end, whichever has data first, then closes them.
    private static func drain(_ out: Int32, _ err: Int32) -> (out: [UInt8], err: [UInt8]) {
        var collected: [[UInt8]] = [[], []]
        var fds = [pollfd(fd: out, events: Int16(POLLIN), revents: 0), pollfd(fd: err, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while fds.contains(where: { $0.fd >= 0 }) {
            guard poll(&fds, nfds_t(fds.count), -1) >= 0 else {
                if errno == EINTR { continue }
                break
            }
            for i in fds.indices where fds[i].fd >= 0 && fds[i].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(fds[i].fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    collected[i] += buffer[..<count]
                } else if count == 0 || errno != EINTR && errno != EAGAIN {
                    close(fds[i].fd)
                    fds[i].fd = -1  // poll ignores negative descriptors
                }
            }
        }
        for fd in fds where fd.fd >= 0 { close(fd.fd) }
        return (collected[0], collected[1])
    }
}
