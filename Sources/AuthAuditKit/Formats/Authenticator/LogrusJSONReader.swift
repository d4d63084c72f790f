/// Reads the fields of a logrus JSON line (`logrus.JSONFormatter`).
///
/// String values are decoded; numbers and literals keep their JSON text; `groups` may be a JSON
/// array of strings or the `fmt.Sprint` text `[a b]`. Other nested values are skipped.
enum LogrusJSONReader {
    static func fields(_ line: UnsafeRawBufferPointer, from start: Int) throws(AuthenticatorLineError) -> LogrusFields {
        var cursor = JSONCursor(line, offset: start)
        var fields = LogrusFields()
        do {
            try cursor.scanObject { cursor, key in
                let name = cursor.decode(key)
                let valueStart = cursor.offset
                switch cursor.peek() {
                case ASCIIByte.quote:
                    fields.set(name, cursor.decode(try cursor.scanString()), offset: valueStart)
                case ASCIIByte.openBracket where name == "groups":
                    fields.groups = try cursor.decodedStrings(field: name)
                case ASCIIByte.openBrace, ASCIIByte.openBracket:
                    try cursor.skipValue()
                default:
                    try cursor.skipValue()
                    let text = UnsafeRawBufferPointer(rebasing: line[valueStart..<cursor.offset])
                    if text.first != ASCIIByte.lowerN {
                        fields.set(name, String(decoding: text, as: UTF8.self), offset: valueStart)
                    }
                }
            }
            try cursor.expectEndOfInput()
        } catch let error as JSONSyntaxError {
            throw AuthenticatorLineError(.invalidJSON(error), offset: error.offset)
        } catch let error as AuditEventScanError {
            guard case .invalidEvent(_, let offset, _) = error else { preconditionFailure("unwrapped \(error)") }
            throw AuthenticatorLineError(.invalidGroups, offset: offset)
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
        return fields
    }
}
