/// Recognises SSO assignment and EKS access entry inputs from their first bytes, so the ingest can
/// route them before trying the log and Kubernetes object kinds.
///
/// JSON is recognised by its top-level keys, which the AWS CLI prints with fixed spelling:
/// `AccountAssignments`, `Groups` (with `GroupId` in its first item, or empty), `PermissionSet`
/// (with `PermissionSetArn`), `accessEntries`, `accessEntry` and `associatedAccessPolicies` with
/// `principalArn`. YAML (`--output yaml`, or the `SSOAssignments` format) is recognised by the same
/// keys written at the start of a line. A `kind` of `SSOAssignments` wins over everything else.
///
/// The scan stops quietly where the prefix ends, so a truncated first document still counts.
public enum AssignmentKindDetector {
    public static func detect(prefix: UnsafeRawBufferPointer) -> AssignmentKind? {
        var start = 0
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < prefix.count,
            [ASCIIByte.space, ASCIIByte.tab, ASCIIByte.carriageReturn, ASCIIByte.lineFeed]
                .contains(prefix[start])
        {
            start += 1
        }
        guard start < prefix.count else { return nil }
        let facts =
            prefix[start] == ASCIIByte.openBrace
            ? TopLevelFacts(json: prefix, from: start) : TopLevelFacts(yaml: prefix, from: start)
        return facts.kind
    }

    public static func detect(prefix bytes: [UInt8]) -> AssignmentKind? {
        bytes.withUnsafeBytes { detect(prefix: $0) }
    }
}

/// The top-level keys of a document and the keys of the first item of its list or object values.
private struct TopLevelFacts {
    var keys: Set<String> = []
    var kindValue: String?
    /// Keys of the first object inside each top-level value, by top-level key.
    var innerKeys: [String: Set<String>] = [:]
    /// Top-level keys whose value is an empty list.
    var emptyLists: Set<String> = []

    var kind: AssignmentKind? {
        if kindValue == SSOAssignmentParser.kind { return .ssoAssignments }
        if keys.contains("AccountAssignments") { return .ssoAccountAssignments }
        if keys.contains("Groups"), kindValue == nil,
            innerKeys["Groups", default: []].contains("GroupId") || emptyLists.contains("Groups")
        {
            return .identityStoreGroups
        }
        if keys.contains("PermissionSet"), innerKeys["PermissionSet", default: []].contains("PermissionSetArn") {
            return .ssoPermissionSet
        }
        if keys.contains("accessEntry") { return .eksAccessEntry }
        if keys.contains("accessEntries") { return .eksAccessEntryList }
        if keys.contains("associatedAccessPolicies"), keys.contains("principalArn") {
            return .eksAssociatedAccessPolicies
        }
        return nil
    }

    init(json bytes: UnsafeRawBufferPointer, from start: Int) {
        var cursor = JSONCursor(bytes, offset: start)
        var facts = self
        try? cursor.scanObject { cursor, keyRange in
            let key = cursor.decode(keyRange)
            facts.keys.insert(key)
            cursor.skipWhitespace()
            switch cursor.peek() {
            case ASCIIByte.quote where key == "kind":
                facts.kindValue = cursor.decode(try cursor.scanString())
            case ASCIIByte.openBrace:
                facts.innerKeys[key] = try Self.objectKeys(&cursor)
            case ASCIIByte.openBracket:
                var isEmpty = true
                try cursor.scanArray { cursor, index in
                    isEmpty = false
                    cursor.skipWhitespace()
                    if index == 0, cursor.peek() == ASCIIByte.openBrace {
                        facts.innerKeys[key] = try Self.objectKeys(&cursor)
                    } else {
                        try cursor.skipValue()
                    }
                }
                if isEmpty { facts.emptyLists.insert(key) }
            default:
                try cursor.skipValue()
            }
        }
        self = facts
    }

    private static func objectKeys(_ cursor: inout JSONCursor) throws -> Set<String> {
        var keys: Set<String> = []
        try cursor.scanObject { cursor, key in
            keys.insert(cursor.decode(key))
            try cursor.skipValue()
        }
        return keys
    }

    /// Reads `key:` lines. A key at the start of a line is a top-level key. A key on an indented line,
    /// or after a `- ` list marker, counts as an inner key of the top-level key above it.
    init(yaml bytes: UnsafeRawBufferPointer, from start: Int) {
        var offset = start
        var current: String?
        while offset < bytes.count {
            let line = InputKindDetector.line(in: bytes, from: offset)
            offset += line.count + 1
            var text = Substring(String(decoding: line, as: UTF8.self))
            while text.last == "\r" || text.last == " " { text = text.dropLast() }
            if text.isEmpty || text.hasPrefix("#") || text.hasPrefix("---") { continue }
            let isTopLevel = text.first != " " && text.first != "-"
            text = text.drop { $0 == " " || $0 == "-" }
            guard let colon = text.firstIndex(of: ":") else { continue }
            let key = String(text[..<colon]).trimmingQuotes()
            let value = text[text.index(after: colon)...].drop { $0 == " " }
            guard !key.isEmpty, !key.contains(" ") else { continue }
            if isTopLevel {
                keys.insert(key)
                current = key
                if key == "kind" { kindValue = String(value).trimmingQuotes() }
                if value == "[]" { emptyLists.insert(key) }
            } else if let current {
                innerKeys[current, default: []].insert(key)
            }
        }
    }
}

extension String {
    /// Removes the YAML quotes around the text.
    fileprivate func trimmingQuotes() -> String {
        let quotes: Set<Character> = ["\"", "'"]
        return String(drop { quotes.contains($0) }.reversed().drop { quotes.contains($0) }.reversed())
    }
}
