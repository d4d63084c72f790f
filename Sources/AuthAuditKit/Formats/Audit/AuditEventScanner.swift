/// Scans one line of a Kubernetes audit log into `AuditEventView`s without decoding the fields.
///
/// A line holds either one `Event` (audit.k8s.io v1 or v1beta1, keys in any order, `apiVersion`
/// not consulted) or one webhook batch `{"kind":"EventList","items":[…]}`. The whole line is
/// validated as JSON; only the fields of `AuditEventView` are looked at, and request and response
/// bodies are skipped. The scan allocates nothing unless it throws or an object key is escaped.
public enum AuditEventScanner {
    /// Calls `body` once for the event on the line, or once per item of an `EventList`, in order.
    ///
    /// Every view's ranges are offsets into `line`. For an `EventList` the whole line is validated
    /// before the first call, but an item without `auditID` throws only when the scan reaches it,
    /// after `body` has seen the items before it.
    public static func scan(line: UnsafeRawBufferPointer, _ body: (AuditEventView) throws -> Void) throws {
        var cursor = JSONCursor(line)
        cursor.skipWhitespace()
        guard cursor.peek() == ASCIIByte.openBrace, !cursor.isAtEnd else {
            try syntaxChecked { try cursor.skipValue() }
            throw AuditEventScanError.invalidEvent(.notAnObject, offset: 0, itemIndex: nil)
        }

        var scanner = EventObjectScanner(line: line)
        try syntaxChecked {
            try scanner.scan(&cursor)
            try cursor.expectEndOfInput()
        }

        if let items = scanner.items, isEventList(scanner.view) {
            try scanItems(items, line: line, body)
            return
        }
        guard scanner.view.auditID != nil else {
            throw AuditEventScanError.invalidEvent(.missingAuditID, offset: 0, itemIndex: nil)
        }
        try body(scanner.view)
    }

    /// An object is a batch when its `kind` says so, or when it has `items` but neither `kind` nor
    /// `auditID`, which is how a batch looks after a tool dropped its type meta.
    private static func isEventList(_ view: AuditEventView) -> Bool {
        guard let kind = view.kind else { return view.auditID == nil }
        return JSONCursor(view.line).stringEquals(kind, "EventList")
    }

    private static func scanItems(
        _ items: JSONValueRange, line: UnsafeRawBufferPointer, _ body: (AuditEventView) throws -> Void
    ) throws {
        var cursor = JSONCursor(line, offset: items.start)
        try cursor.scanArray { cursor, index in
            guard cursor.peek() == ASCIIByte.openBrace else {
                let defect = AuditEventDefect.unexpectedType(field: "items[\(index)]", expected: .object)
                throw AuditEventScanError.invalidEvent(defect, offset: cursor.offset, itemIndex: nil)
            }
            let start = cursor.offset
            var scanner = EventObjectScanner(line: line)
            do {
                try scanner.scan(&cursor)
            } catch let error as AuditEventScanError {
                guard case .invalidEvent(let defect, let offset, _) = error else { throw error }
                throw AuditEventScanError.invalidEvent(defect, offset: offset, itemIndex: index)
            }
            guard scanner.view.auditID != nil else {
                throw AuditEventScanError.invalidEvent(.missingAuditID, offset: start, itemIndex: index)
            }
            scanner.view.eventRange = JSONValueRange(start: start, count: cursor.offset - start)
            try body(scanner.view)
        }
    }
}

/// Runs a scan and wraps a `JSONSyntaxError` it throws as `AuditEventScanError.invalidJSON`.
@inline(__always)
func syntaxChecked<Result>(_ scan: () throws -> Result) throws -> Result {
    do {
        return try scan()
    } catch let error as JSONSyntaxError {
        throw AuditEventScanError.invalidJSON(error)
    }
}
