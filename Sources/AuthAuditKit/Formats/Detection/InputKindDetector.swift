/// Detects the kind of an input from its first bytes.
///
/// The rules, tried in this order after a UTF-8 byte order mark and leading blank lines:
///
/// 1. Content starting with `{` whose first line contains a key is read as JSON lines. The first
///    line's top-level members decide: `auditID`, or `kind` `Event` / `EventList`, gives
///    `auditEventLines`; `msg` gives `authenticatorLog` (logrus JSON). Otherwise the line is
///    treated as a one-line document (rule 2), and when that matches no kind either, a first line
///    holding a whole object without a string `kind` gives `auditEventLines`, so its lines are
///    reported one by one.
/// 2. Other content starting with `{` is one JSON document, read with the JSON scanner until the
///    prefix ends: `kind` `Event` / `EventList` or a top-level `auditID` gives
///    `auditEventDocument`; see `kind(ofDocumentKinds:…)` for the rest; no `kind` but a top-level
///    `mapRoles` or `mapUsers` gives `dynamicFileMapping`.
/// 3. A first line with logrus `time="` or `level=` and `msg=`, or a TTY level tag such as
///    `INFO[0000]`, gives `authenticatorLog`; text before them (a `kubectl logs --prefix` or
///    stern prefix) is allowed.
/// 4. `# extended LDIF`, or a first non-comment line `dn:` (after an optional `version:` line),
///    gives `ldif`.
/// 5. Otherwise the content is read as YAML: every `kind:` value in the prefix counts, at any
///    indentation, so kinds of list items and of every document of a multi-document stream are
///    seen (see `kind(ofDocumentKinds:…)`).
/// 6. Content that matches none of these but has an audit event on one of its next lines gives
///    `auditEventLines`. That is a klog line from `kubectl logs` before the audit JSON, or a file
///    that starts in the middle of a line: the first lines are reported one by one, the events kept.
/// 7. Anything else is `unknown`.
public enum InputKindDetector {
    /// The number of bytes callers should pass; more is accepted and scanned too.
    public static let prefixLength = 64 * 1024
    /// The lines after the first that rule 6 looks at.
    static let linesSearchedForEvents = 32

    public static func detect(prefix: UnsafeRawBufferPointer) -> InputKind {
        let start = contentStart(prefix)
        guard start < prefix.count else { return .unknown }
        let kind = detect(prefix, start: start)
        if kind == .unknown, hasAuditEventLine(prefix, after: start + line(in: prefix, from: start).count) {
            return .auditEventLines
        }
        return kind
    }

    /// Rules 1 to 5 and 7, applied to the content at `start`.
    private static func detect(_ prefix: UnsafeRawBufferPointer, start: Int) -> InputKind {
        let firstLine = line(in: prefix, from: start)

        if prefix[start] == ASCIIByte.openBrace {
            return detectJSON(prefix, start: start, firstLine: firstLine)
        }
        if PrefixText.looksLikeLogrus(firstLine) {
            return .authenticatorLog
        }
        if PrefixText.looksLikeLDIF(prefix, from: start) {
            return .ldif
        }
        let yaml = PrefixText.yamlFacts(prefix, from: start)
        guard !yaml.kinds.isEmpty else { return .unknown }
        return kind(ofDocumentKinds: yaml.kinds, hasAwsAuthConfigMap: yaml.hasAwsAuthMarkers)
    }

    /// Returns the kind of a document, list or YAML stream from the `kind` values found in it.
    /// The first match wins. `IAMIdentityMapping` (or its list) gives `iamIdentityMapping`. A
    /// ConfigMap that is aws-auth gives `awsAuthConfigMap`. Any RBAC kind (`Role`, `ClusterRole`,
    /// `RoleBinding`, `ClusterRoleBinding` or their lists) gives `rbac`. A `List` of other objects
    /// is `unknown`.
    static func kind(ofDocumentKinds kinds: [String], hasAwsAuthConfigMap: Bool) -> InputKind {
        if kinds.contains(where: { $0 == "IAMIdentityMapping" || $0 == "IAMIdentityMappingList" }) {
            return .iamIdentityMapping
        }
        if hasAwsAuthConfigMap, kinds.contains("ConfigMap") {
            return .awsAuthConfigMap
        }
        if kinds.contains(where: rbacKinds.contains) {
            return .rbac
        }
        return .unknown
    }

    static let rbacKinds: Set<String> = [
        "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding",
        "RoleList", "ClusterRoleList", "RoleBindingList", "ClusterRoleBindingList",
    ]

    private static func detectJSON(
        _ prefix: UnsafeRawBufferPointer, start: Int, firstLine: UnsafeRawBufferPointer
    ) -> InputKind {
        let lineSummary = JSONDocumentSummary(prefix, from: start, limit: start + firstLine.count)
        if !lineSummary.keys.isEmpty {
            if lineSummary.keys.contains("auditid") || lineSummary.kind == "Event" || lineSummary.kind == "EventList" {
                return .auditEventLines
            }
            if lineSummary.keys.contains("msg") {
                return .authenticatorLog
            }
        }

        let document = JSONDocumentSummary(prefix, from: start, limit: prefix.count)
        if document.kind == "Event" || document.kind == "EventList" || document.keys.contains("auditid") {
            return .auditEventDocument
        }
        if document.kind == nil, !document.keys.isDisjoint(with: ["maproles", "mapusers"]) {
            return .dynamicFileMapping
        }
        let kinds = (document.kind.map { [$0] } ?? []) + document.itemKinds
        let documentKind = kind(ofDocumentKinds: kinds, hasAwsAuthConfigMap: document.hasAwsAuthConfigMap)
        if documentKind == .unknown, lineSummary.kind == nil, !lineSummary.keys.isEmpty,
            !lineSummary.keys.contains("messagetype"), endsWithClosingBrace(firstLine)
        {
            // One JSON object per line, without a string `kind` and matching nothing else, is most
            // likely a damaged audit log: read it as one, so each bad line gets a diagnostic with
            // its line number instead of the whole file being skipped as unknown.
            return .auditEventLines
        }
        return documentKind
    }

    private static func endsWithClosingBrace(_ line: UnsafeRawBufferPointer) -> Bool {
        let whitespace = [ASCIIByte.space, ASCIIByte.tab, ASCIIByte.carriageReturn]
        guard let last = line.lastIndex(where: { !whitespace.contains($0) }) else { return false }
        return line[last] == ASCIIByte.closeBrace
    }

    /// The offset after a byte order mark and leading whitespace, including blank lines.
    private static func contentStart(_ prefix: UnsafeRawBufferPointer) -> Int {
        var offset = 0
        if prefix.count >= 3, prefix[0] == 0xEF, prefix[1] == 0xBB, prefix[2] == 0xBF {
            offset = 3
        }
        while offset < prefix.count,
            [ASCIIByte.space, ASCIIByte.tab, ASCIIByte.carriageReturn, ASCIIByte.lineFeed].contains(prefix[offset])
        {
            offset += 1
        }
        return offset
    }

    /// Returns whether one of the lines after `offset` (the end of the first line) is an audit event
    /// object: a JSON object line with `auditID`, or `kind` `Event` or `EventList`.
    private static func hasAuditEventLine(_ prefix: UnsafeRawBufferPointer, after offset: Int) -> Bool {
        var lineStart = offset + 1
        for _ in 0..<linesSearchedForEvents where lineStart < prefix.count {
            let next = line(in: prefix, from: lineStart)
            let trimmed = next.firstIndex { $0 != ASCIIByte.space && $0 != ASCIIByte.tab }
            if let trimmed, next[trimmed] == ASCIIByte.openBrace {
                let summary = JSONDocumentSummary(prefix, from: lineStart + trimmed, limit: lineStart + next.count)
                if summary.keys.contains("auditid") || summary.kind == "Event" || summary.kind == "EventList" {
                    return true
                }
            }
            lineStart += next.count + 1
        }
        return false
    }

    /// The line starting at `start`, without its line feed.
    static func line(in prefix: UnsafeRawBufferPointer, from start: Int) -> UnsafeRawBufferPointer {
        let end = prefix[start...].firstIndex(of: ASCIIByte.lineFeed) ?? prefix.count
        return UnsafeRawBufferPointer(rebasing: prefix[start..<end])
    }
}
