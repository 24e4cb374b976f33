import Glibc

/// What Foundation's `ProcessInfo` and `FileManager` told about this process, with POSIX alone.
public enum ProcessEnvironment {
    /// The environment (from `environ`), as `ProcessInfo.processInfo.environment` gave it.
    public static func current() -> [String: String] {
        var result: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            // Split at the first '=' byte (the whole entry is not walked as characters: every start reads it).
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
            if let equals = bytes.firstIndex(of: UInt8(ascii: "=")) {
                let name = String(decoding: bytes[..<equals], as: UTF8.self)
                // As getenv(3) answers: the first definition of a name wins.
                if result[name] == nil { result[name] = String(decoding: bytes[(equals + 1)...], as: UTF8.self) }
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
