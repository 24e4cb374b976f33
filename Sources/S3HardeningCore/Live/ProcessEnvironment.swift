import Glibc

/// What Foundation's `ProcessInfo` and `FileManager` told about this process, with POSIX alone.
public enum ProcessEnvironment {
    /// The environment (from `environ`), as `ProcessInfo.processInfo.environment` gave it.
    public static func current() -> [String: String] {
        var result: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                let name = String(text[..<equals])
                // As getenv(3) answers: the first definition of a name wins.
                if result[name] == nil { result[name] = String(text[text.index(after: equals)...]) }
            }
            entry += 1
        }
        return result
    }

    /// The working directory (getcwd(3)); "." when it cannot be named (removed, or too long).
    public static func workingDirectory() -> String {
        guard let path = getcwd(nil, 0) else { return "." }
        defer { free(path) }
        return String(cString: path)
    }
}
