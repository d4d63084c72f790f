import Glibc

/// The width, in columns, of the terminal that standard output writes to.
public enum TerminalWidth {
    /// The width for tables, reading `COLUMNS` from the process environment.
    public static func current() -> Int? {
        let columns = getenv("COLUMNS").map { String(cString: $0) }
        return current(environment: columns.map { ["COLUMNS": $0] } ?? [:])
    }

    /// The width for tables: nil when standard output is not a terminal (so piped output is never cut);
    /// otherwise `COLUMNS` when it is a positive integer, else the size from `ioctl(TIOCGWINSZ)`, else nil.
    public static func current(environment: [String: String]) -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        if let text = environment["COLUMNS"], let columns = Int(text), columns > 0 {
            return columns
        }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
