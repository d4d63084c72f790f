/// Compiles and runs a sequence of statements, each of which must be read-only, delivering the rows of the last.
///
/// Statements before the last run to completion and their rows are dropped.
struct ReadOnlySQLScript {
    var statements: [SQLStatementSplitter.Statement]
    var source: SQLRunError.Source
    /// Added to each statement's line so lines count from the start of the file.
    var lineOffset: Int

    init(sql: String, source: SQLRunError.Source, firstLine: Int = 1) {
        statements = SQLStatementSplitter.statements(in: sql)
        self.source = source
        lineOffset = firstLine - 1
    }

    /// Compiles every statement, checking that it is read-only and that `bindings` has a value for each
    /// named parameter; `bindings` nil means the text may use no parameters at all.
    func prepare(
        on connection: SQLiteConnection, bindings: ReportBindings?
    ) throws(SQLRunError) -> [SQLiteStatement] {
        guard !statements.isEmpty else {
            throw SQLRunError(source: source, line: nil, reason: .noStatements)
        }
        var prepared: [SQLiteStatement] = []
        for statement in statements {
            let line = statement.line + lineOffset
            let compiled: SQLiteStatement
            do {
                compiled = try connection.prepare(statement.sql)
            } catch {
                throw SQLRunError(source: source, line: line, reason: .sqlite(error))
            }
            guard compiled.isReadOnly else {
                throw SQLRunError(source: source, line: line, reason: .notReadOnly)
            }
            try bind(bindings, to: compiled, line: line)
            prepared.append(compiled)
        }
        return prepared
    }

    private func bind(_ bindings: ReportBindings?, to statement: SQLiteStatement, line: Int) throws(SQLRunError) {
        guard statement.parameterCount > 0 else { return }
        for index in 1...statement.parameterCount {
            // SQLite numbers parameters by distinct name, so each index is one name (or one `?NNN`).
            guard let prefixed = statement.parameterName(at: index), prefixed.first != "?" else {
                throw SQLRunError(source: source, line: line, reason: .positionalParameter(index: index))
            }
            let name = String(prefixed.dropFirst())
            guard let value = bindings?[name] else {
                throw SQLRunError(source: source, line: line, reason: .undeclaredParameter(name))
            }
            statement.bind(value, at: index)
        }
    }

    /// Runs the compiled statements in order and sends the last one's rows to `sink`.
    func run(on connection: SQLiteConnection, bindings: ReportBindings?, into sink: inout some ResultSink)
        throws(SQLRunError)
    {
        let prepared = try prepare(on: connection, bindings: bindings)
        for (offset, statement) in prepared.enumerated() {
            let line = statements[offset].line + lineOffset
            let isLast = offset == prepared.count - 1
            do {
                if !isLast {
                    try statement.run()
                    continue
                }
                let columnCount = statement.columnCount
                sink.begin(columns: (0..<columnCount).map { statement.columnName(at: $0) })
                while try statement.step() {
                    sink.append(row: (0..<columnCount).map { statement.value(at: $0) })
                }
                sink.end()
            } catch {
                throw SQLRunError(source: source, line: line, reason: .sqlite(error))
            }
        }
    }
}
