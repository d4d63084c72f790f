/// Reads CloudTrail records and keeps the successful role assumptions among them.
///
/// Accepted input, in any mix: the files CloudTrail delivers to S3 (one `{"Records":[…]}` object, compact or
/// pretty-printed), single records, and JSON lines with one record per line (CloudWatch Logs exports,
/// `jq -c '.Records[]'`). Several top-level values may follow each other, so concatenated S3 files work too.
///
/// A bad record becomes a `CloudTrailRecordProblem` and the others are kept. After invalid JSON the scan
/// resumes at the next line that starts with `{`, which in JSON lines is the next record.
///
/// ```swift
/// let result = CloudTrailParser.parse(bytes, source: "trail.json")
/// var parser = CloudTrailParser(source: "events.jsonl")
/// for line in lines { line.withUnsafeBytes { parser.parseLine($0) } }
/// ```
public struct CloudTrailParser {
    public private(set) var result: CloudTrailParseResult
    private var lineNumber = 0
    private var nextRecordIndex = 0

    public init(source: String) {
        result = CloudTrailParseResult(source: source)
    }

    /// Parses a whole decompressed input.
    public static func parse(_ bytes: [UInt8], source: String) -> CloudTrailParseResult {
        var parser = CloudTrailParser(source: source)
        bytes.withUnsafeBytes { parser.scan($0, firstLine: 1) }
        return parser.result
    }

    /// Parses the next line of a JSON lines input; line numbers count the calls. A line may also hold a
    /// compact `{"Records":[…]}` object, but not part of a pretty-printed one: use `parse(_:source:)` for those.
    public mutating func parseLine(_ line: UnsafeRawBufferPointer) {
        lineNumber += 1
        scan(line, firstLine: lineNumber)
    }

    // MARK: - Scanning

    /// Scans every top-level value of a buffer whose first byte is on line `firstLine`.
    private mutating func scan(_ buffer: UnsafeRawBufferPointer, firstLine: Int) {
        var lines = LinePositions(buffer, firstLine: firstLine)
        var cursor = JSONCursor(buffer, offset: Self.hasByteOrderMark(buffer) ? 3 : 0)
        var context = ScanContext()
        while true {
            cursor.skipWhitespace()
            guard !cursor.isAtEnd else { return }
            do {
                try scanTopLevelValue(&cursor, lines: &lines, context: &context)
            } catch let error as JSONSyntaxError {
                let position = lines.position(of: error.offset)
                record(
                    CloudTrailRecordProblem(
                        line: position.line, column: position.column, recordIndex: context.openRecordIndex,
                        error: .invalidJSON(error)))
                context.openRecordIndex = nil
                guard let next = Self.nextLineStartingWithBrace(buffer, after: error.offset) else { return }
                cursor = JSONCursor(buffer, offset: next)
            } catch {
                preconditionFailure("the JSON cursor throws only JSONSyntaxError: \(error)")
            }
        }
    }

    /// Scans one top-level value: a `{"Records":[…]}` wrapper or a single record.
    private mutating func scanTopLevelValue(
        _ cursor: inout JSONCursor, lines: inout LinePositions, context: inout ScanContext
    ) throws {
        let start = cursor.offset
        guard cursor.peek() == ASCIIByte.openBrace else {
            try cursor.skipValue()
            record(CloudTrailRecordProblem(line: lines.position(of: start).line, recordIndex: nil, error: .notAnObject))
            return
        }
        var fields = CloudTrailRecordFields()
        var isWrapper = false
        try cursor.scanObject { cursor, key in
            cursor.skipWhitespace()
            if cursor.stringEquals(key, "Records"), cursor.peek() == ASCIIByte.openBracket {
                isWrapper = true
                try cursor.scanArray { cursor, _ in
                    try self.scanWrappedRecord(&cursor, lines: &lines, context: &context)
                }
            } else {
                try fields.read(key, &cursor)
            }
        }
        if !isWrapper {
            accept(fields, buffer: cursor.bytes, line: lines.position(of: start).line, recordIndex: takeRecordIndex())
        }
    }

    /// Scans one element of a `Records` array.
    private mutating func scanWrappedRecord(
        _ cursor: inout JSONCursor, lines: inout LinePositions, context: inout ScanContext
    ) throws {
        let start = cursor.offset
        let index = takeRecordIndex()
        let line = lines.position(of: start).line
        guard cursor.peek() == ASCIIByte.openBrace else {
            try cursor.skipValue()
            record(CloudTrailRecordProblem(line: line, recordIndex: index, error: .notAnObject))
            return
        }
        context.openRecordIndex = index
        var fields = CloudTrailRecordFields()
        try cursor.scanObject { cursor, key in try fields.read(key, &cursor) }
        context.openRecordIndex = nil
        accept(fields, buffer: cursor.bytes, line: line, recordIndex: index)
    }

    // MARK: - Records

    /// Counts or keeps one complete record.
    private mutating func accept(
        _ fields: CloudTrailRecordFields, buffer: UnsafeRawBufferPointer, line: Int, recordIndex: Int
    ) {
        guard fields.hasAnyRecordKey else {
            record(CloudTrailRecordProblem(line: line, recordIndex: recordIndex, error: .notARecord))
            return
        }
        guard let name = fields.eventName, let event = RoleAssumptionEvent(rawValue: name),
            fields.eventSource == Self.stsEventSource
        else {
            result.otherEventCount += 1
            return
        }
        if let errorCode = fields.errorCode, !errorCode.isEmpty {
            result.failedCallCount += 1
            return
        }
        do {
            let assumption = try RoleAssumption(
                fields: fields, event: event, buffer: buffer, source: result.source, line: line,
                recordIndex: recordIndex)
            result.assumptions.append(assumption)
        } catch {
            record(CloudTrailRecordProblem(line: line, recordIndex: recordIndex, error: error))
        }
    }

    static let stsEventSource = "sts.amazonaws.com"

    private mutating func record(_ problem: CloudTrailRecordProblem) {
        result.problems.append(problem)
    }

    private mutating func takeRecordIndex() -> Int {
        defer { nextRecordIndex += 1 }
        return nextRecordIndex
    }

    // MARK: - Positions

    private static func hasByteOrderMark(_ buffer: UnsafeRawBufferPointer) -> Bool {
        buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF
    }

    /// The offset of the first line after `offset` whose first byte is `{`.
    private static func nextLineStartingWithBrace(_ buffer: UnsafeRawBufferPointer, after offset: Int) -> Int? {
        var index = offset
        while index < buffer.count {
            if buffer[index] == ASCIIByte.lineFeed, index + 1 < buffer.count, buffer[index + 1] == ASCIIByte.openBrace {
                return index + 1
            }
            index += 1
        }
        return nil
    }
}

/// What the scan of one buffer is inside of when a JSON error interrupts it.
private struct ScanContext {
    /// The index of the `Records` element being scanned, so its JSON error names it.
    var openRecordIndex: Int?
}

/// Line and column of byte offsets in a buffer, counted forward from the last offset asked about.
private struct LinePositions {
    private let buffer: UnsafeRawBufferPointer
    private let firstLine: Int
    private var countedOffset = 0
    private var line: Int
    private var lineStart = 0

    init(_ buffer: UnsafeRawBufferPointer, firstLine: Int) {
        self.buffer = buffer
        self.firstLine = firstLine
        line = firstLine
    }

    /// The 1-based line and byte column of an offset.
    mutating func position(of offset: Int) -> (line: Int, column: Int) {
        if offset < countedOffset {
            countedOffset = 0
            line = firstLine
            lineStart = 0
        }
        let end = min(offset, buffer.count)
        while countedOffset < end {
            if buffer[countedOffset] == ASCIIByte.lineFeed {
                line += 1
                lineStart = countedOffset + 1
            }
            countedOffset += 1
        }
        return (line, offset - lineStart + 1)
    }
}
