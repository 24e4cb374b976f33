import Testing
@testable import S3HardeningCore

/// The AWS CLI's runner without Foundation: posix_spawn, both pipes drained, stdin closed, exactly the
/// environment given, the exit status or the signal (what Foundation's Process reported).
@Suite struct ChildProcessTests {
    private func sh(_ script: String, environment: [String: String] = ["PATH": "/usr/bin:/bin"]) -> ProcessOutput? {
        ChildProcess.run("/bin/sh", ["-c", script], environment: environment)
    }

    @Test func stdoutStderrAndTheExitStatusComeBack() {
        #expect(sh("echo out; echo err >&2; exit 3") == ProcessOutput(status: 3, stdout: "out\n", stderr: "err\n"))
    }

    /// More than a pipe holds (64 KiB) on both streams at once: neither fills and stalls the child.
    @Test func largeOutputOnBothStreamsDoesNotStall() throws {
        let line = "a line of about fifty characters, to fill a pipe"
        let output = try #require(sh("i=0; while [ $i -lt 3000 ]; do echo '\(line)'; echo 'e' >&2; i=$((i+1)); done"))
        #expect(output.status == 0)
        #expect(output.stdout == String(repeating: line + "\n", count: 3000))
        #expect(output.stderr.utf8.count == 3000 * 2)
    }

    /// A prompt would otherwise wait forever: stdin is /dev/null, so `cat` ends at once with nothing.
    @Test func stdinIsClosed() {
        #expect(sh("cat; echo done") == ProcessOutput(status: 0, stdout: "done\n", stderr: ""))
    }

    @Test func theChildGetsExactlyTheEnvironmentGiven() {
        let output = ChildProcess.run("/usr/bin/env", [], environment: ["ONLY": "this one", "AWS_PAGER": ""])
        #expect(output?.stdout.split(separator: "\n").sorted() == ["AWS_PAGER=", "ONLY=this one"])
    }

    @Test func argumentsArePassedWithoutAShell() {
        #expect(ChildProcess.run("/bin/echo", ["a b", "$HOME", "*"], environment: [:])?.stdout == "a b $HOME *\n")
    }

    @Test func aSignalIsTheStatus() {
        #expect(sh("kill -9 $$")?.status == 9)
    }

    @Test func whatCannotBeStartedIsNil() {
        #expect(ChildProcess.run("/nonexistent/aws", [], environment: [:]) == nil)
    }

    /// The real runner behind `AWSCLI.system`, many at once as `callAll` runs them: each gets its own output.
    @Test func concurrentRunsKeepTheirOwnOutput() {
        let cli = AWSCLI(options: AWSOptions(), environment: ["PATH": AWSCLITests.fakePath], run: { _, arguments, _ in
            ChildProcess.run("/bin/sh", ["-c", "sleep 0.1; echo \"{\\\"Policy\\\": \\\"$0\\\"}\"", arguments[1]], environment: [:])
        })
        let calls = ReadCall.allCases.prefix(10).map { ($0, [String]()) }
        let results = cli.callAll(calls, region: nil)
        for (call, result) in zip(calls, results) {
            #expect((try? result.get())??["Policy"]?.string == call.0.words[1])
        }
    }
}
