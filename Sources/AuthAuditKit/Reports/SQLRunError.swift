/// A failure running read-only SQL: a report file or a `query` command's text, with the statement's line.
public struct SQLRunError: Error, Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case reportFile(path: String)
        /// SQL given on the command line or standard input.
        case query
    }

    public enum Reason: Sendable, Equatable {
        /// SQLite rejected the statement when compiling or running it.
        case sqlite(SQLiteError)
        /// The statement would change the database (`sqlite3_stmt_readonly` is false).
        case notReadOnly
        /// The statement uses `:name` (or `@name`, `$name`) but the report header declares no parameter `name`.
        case undeclaredParameter(String)
        /// The statement uses a positional parameter (`?` or `?NNN`), which nothing can bind; the 1-based index.
        case positionalParameter(index: Int32)
        /// The text holds only comments and whitespace.
        case noStatements
    }

    public var source: Source
    /// The 1-based line of the statement's first token in the file or text; nil for `noStatements`.
    public var line: Int?
    public var reason: Reason

    public init(source: Source, line: Int?, reason: Reason) {
        self.source = source
        self.line = line
        self.reason = reason
    }
}
