// Why the interactive wizard cannot run here, as one sentence that points to the non-interactive path.

public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal (a pipe, a file, CI).
    case notATerminal
    /// TERM is unset, empty, or has no terminfo entry (the associated value is TERM, "" when unset).
    case unknownTerminal(String)
    /// The terminal cannot move the cursor (no `cup` capability, e.g. TERM=dumb).
    case cannotAddressCursor(String)
    /// ncurses could not be set up for another reason.
    case setupFailed(String)

    static let scriptHint = "use `s3wizard generate --answers FILE --out DIR` in scripts and pipes"

    public var description: String {
        switch self {
        case .notATerminal:
            return "s3wizard: standard input and output must be a terminal for the interactive wizard; \(Self.scriptHint)."
        case .unknownTerminal(let term) where term.isEmpty:
            return "s3wizard: the terminal type is not set (TERM is empty), so the interactive wizard cannot draw; set TERM (e.g. TERM=xterm-256color) or \(Self.scriptHint)."
        case .unknownTerminal(let term):
            return "s3wizard: the terminal type '\(term)' is unknown (TERM has no terminfo entry), so the interactive wizard cannot draw; set TERM to a known type (e.g. xterm-256color) or \(Self.scriptHint)."
        case .cannotAddressCursor(let term):
            return "s3wizard: the terminal type '\(term)' cannot move the cursor, which the interactive wizard needs; use a full terminal or \(Self.scriptHint)."
        case .setupFailed(let reason):
            return "s3wizard: the terminal could not be set up (\(reason)); \(Self.scriptHint)."
        }
    }
}
