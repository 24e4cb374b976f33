// The wizard's signal handling, implemented in C (CTerminalSignals) where handlers can be async-signal-safe.
import CTerminalSignals

extension Terminal {
    /// Termination signals only set a flag; crash signals save the draft and restore the terminal.
    /// Installed before newterm so ncurses sees handlers in place and does not install its own.
    static func installSignalHandlers() {
        s3w_install_signal_flags()
        s3w_install_crash_handler()
    }

    /// Turns bracketed paste on or off on standard output; the crash handler turns it off too.
    static func setBracketedPaste(_ on: Bool) { s3w_set_bracketed_paste(on ? 1 : 0) }

    static func restoreSignalHandlers() {
        s3w_restore_signal_flags()
        s3w_restore_crash_handler()
    }

    /// The signal (SIGTERM, SIGHUP, SIGINT; SIGTSTP: call `suspend`) received since the last call, or nil. While the
    /// terminal is open these signals do not end the process: `nextEvent` returns nil early (the read is
    /// interrupted), the app checks this, saves its draft, closes the terminal and exits.
    public static func pendingSignal() -> Int32? {
        let signal = s3w_pending_signal()
        return signal == 0 ? nil : signal
    }

    /// What a crash (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE) writes before the process dies: to
    /// the first of `paths` it can (the handler creates the directory); empty clears it. Call from the main
    /// thread after each change worth keeping (the bytes are copied).
    @discardableResult
    public static func setCrashDraft(paths: [String], contents: [UInt8]) -> Bool {
        guard let path = paths.first else { return s3w_set_crash_draft(nil, nil, nil, 0) == 0 }
        let fallback = paths.dropFirst().first
        return contents.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                if let fallback { return s3w_set_crash_draft(path, fallback, chars.baseAddress, chars.count) == 0 }
                return s3w_set_crash_draft(path, nil, chars.baseAddress, chars.count) == 0
            }
        }
    }
}
