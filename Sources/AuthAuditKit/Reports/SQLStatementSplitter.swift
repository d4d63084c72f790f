/// Splits SQL text into statements at top-level `;`, following SQLite's lexical rules for
/// string literals (`'…'`), quoted identifiers (`"…"`, `` `…` ``, `[…]`) and comments (`--`, `/* */`).
///
/// `SQLiteConnection.prepare` compiles only the first statement of its text and does not return
/// `sqlite3_prepare_v3`'s tail, so multi-statement text is split here first.
// TODO: walk the text with the tail pointer of `sqlite3_prepare_v3` once the wrapper exposes it. This
// splitter cuts a `CREATE TRIGGER … BEGIN …; END` body apart; such statements are never read-only,
// so they are rejected either way, only with a syntax error in place of the read-only one.
enum SQLStatementSplitter {
    struct Statement: Equatable {
        /// The statement from its first token up to, not including, its `;`.
        var sql: String
        /// The 1-based line of the statement's first token, counted from the start of the text.
        var line: Int
    }

    /// The statements of `text`; stretches holding only whitespace and comments are left out.
    static func statements(in text: String) -> [Statement] {
        let bytes = Array(text.utf8)
        var statements: [Statement] = []
        var line = 1
        var tokenStart: Int?
        var tokenLine = 1
        var index = 0

        func finish(at end: Int) {
            if let start = tokenStart {
                let sql = String(decoding: bytes[start..<end], as: UTF8.self)
                statements.append(Statement(sql: sql.trimmingTrailingSQLWhitespace(), line: tokenLine))
            }
            tokenStart = nil
        }
        func markToken() {
            if tokenStart == nil {
                tokenStart = index
                tokenLine = line
            }
        }

        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                index += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0x0C:
                index += 1
            case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
                    index += 1
                }
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                index += 2
                while index < bytes.count,
                    !(bytes[index] == UInt8(ascii: "*") && index + 1 < bytes.count
                        && bytes[index + 1] == UInt8(ascii: "/"))
                {
                    if bytes[index] == UInt8(ascii: "\n") { line += 1 }
                    index += 1
                }
                index = min(index + 2, bytes.count)
            case UInt8(ascii: ";"):
                finish(at: index)
                index += 1
            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"), UInt8(ascii: "["):
                markToken()
                // A doubled quote (`'it''s'`) needs no case of its own: reading it as the end of one
                // quoted run and the start of the next puts every `;` on the same side.
                let closing = byte == UInt8(ascii: "[") ? UInt8(ascii: "]") : byte
                index += 1
                while index < bytes.count, bytes[index] != closing {
                    if bytes[index] == UInt8(ascii: "\n") { line += 1 }
                    index += 1
                }
                index = min(index + 1, bytes.count)
            default:
                markToken()
                index += 1
            }
        }
        finish(at: bytes.count)
        return statements
    }
}

extension String {
    fileprivate func trimmingTrailingSQLWhitespace() -> String {
        var copy = Substring(self)
        while let last = copy.last, last.isWhitespace {
            copy = copy.dropLast()
        }
        return String(copy)
    }
}
