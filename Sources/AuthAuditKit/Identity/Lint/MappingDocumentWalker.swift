/// Reads mapping documents the way `AwsAuthParser` does, but keeps the line of every entry and reports each reading
/// problem as a finding with its own rule.
///
/// The object shapes follow `AwsAuthReader.readObject`: aws-auth ConfigMaps, IAMIdentityMapping objects, DynamicFile
/// documents, and `List`s of them. Entries are decoded by `EntryDecoder`, so the two readers agree on every entry.
struct MappingDocumentWalker {
    private(set) var entries: [LintEntry] = []
    var collector: FindingCollector
    /// How many mapping objects were read, as `AwsAuthParseResult.objectCount` counts them.
    var objectCount = 0

    init(source: String) {
        collector = FindingCollector(source: source)
    }

    mutating func read(_ bytes: [UInt8]) {
        let documents: [DocumentNode]
        do {
            documents = try DocumentParser.parse(bytes)
        } catch {
            collector.add(.invalidYAML(field: nil, error: error), line: error.mark.line)
            return
        }
        for document in documents {
            readObject(document, insideList: false)
        }
        if objectCount == 0, collector.isEmpty {
            collector.add(.noMappings, line: 1)
        }
    }

    /// Reads one document or `List` item. Inside a List, objects without mappings are skipped silently, because
    /// `kubectl get cm -A -o yaml` lists every ConfigMap of the cluster.
    private mutating func readObject(_ node: DocumentNode, insideList: Bool) {
        if node.isNull { return }
        guard node.mappingEntries != nil else {
            if !insideList { collector.add(.unrecognizedDocument, line: node.start.line) }
            return
        }
        switch node["kind"]?.scalarText {
        case "ConfigMap":
            readConfigMap(node, insideList: insideList)
        case "IAMIdentityMapping":
            readIdentityMapping(node)
        case let kind? where kind == "List" || kind.hasSuffix("List"):
            for item in node["items"]?.sequenceItems ?? [] {
                readObject(item, insideList: true)
            }
        case let kind?:
            if !insideList { collector.add(.unsupportedKind(kind), line: node.start.line) }
        case nil:
            if node.value(forCaseInsensitiveKey: "mapRoles") != nil
                || node.value(forCaseInsensitiveKey: "mapUsers") != nil
            {
                readDynamicFile(node)
            } else if !insideList {
                collector.add(.unrecognizedDocument, line: node.start.line)
            }
        }
    }

    /// Reads `{"mapRoles": [...], "mapUsers": [...]}`, whose keys Go's `encoding/json` matches ignoring case.
    private mutating func readDynamicFile(_ node: DocumentNode) {
        objectCount += 1
        let lines = EmbeddedLines(outer: nil)
        if let roles = node.value(forCaseInsensitiveKey: "mapRoles"), !roles.isNull {
            readEntryList(roles, field: .roles, lines: lines, origin: .dynamicFile)
        }
        if let users = node.value(forCaseInsensitiveKey: "mapUsers"), !users.isNull {
            readEntryList(users, field: .users, lines: lines, origin: .dynamicFile)
        }
    }

    /// Reads an IAMIdentityMapping with `AwsAuthReader`, which stores the canonical form of `spec.arn` as a role or a
    /// user mapping.
    private mutating func readIdentityMapping(_ node: DocumentNode) {
        objectCount += 1
        let name = node["metadata"]?["name"]?.scalarText ?? "(unnamed)"
        let spec = node["spec"]
        let arnNode = spec?["arn"]
        let line = arnNode?.start.line ?? spec?.start.line ?? node.start.line
        guard let arn = arnNode?.scalarText else {
            collector.add(.identityMappingWithoutARN(name: name), line: line)
            return
        }

        var reader = AwsAuthReader(source: "")
        reader.readObject(node, insideList: false)
        let origin = LintEntry.Origin.identityMapping(name: name, arn: arn)
        if let role = reader.result.mapping.roles.first {
            entries.append(LintEntry(mapping: .role(role), origin: origin, line: line, index: 1))
        } else if let user = reader.result.mapping.users.first {
            entries.append(LintEntry(mapping: .user(user), origin: origin, line: line, index: 1))
        } else {
            collector.add(.identityMappingInvalidARN(name: name, arn: arn), line: line)
        }
    }

    // MARK: - Entry lists

    mutating func readEntryList(
        _ list: DocumentNode, field: EntryField, lines: EmbeddedLines, origin: LintEntry.Origin
    ) {
        guard let items = list.sequenceItems else {
            if !list.isNull {
                collector.add(
                    .entriesNotList(field: field.rawValue, kind: list.kindName), line: lines.lineNumber(list.start))
            }
            return
        }
        for (index, item) in items.enumerated() {
            let line = lines.lineNumber(item.start)
            switch EntryDecoder.decode(item, field: field) {
            case .role(let role):
                entries.append(LintEntry(mapping: .role(role), origin: origin, line: line, index: index + 1))
            case .user(let user):
                entries.append(LintEntry(mapping: .user(user), origin: origin, line: line, index: index + 1))
            case .dropped(let reason):
                collector.add(.invalidEntry(field: field.rawValue, index: index + 1, reason: reason), line: line)
            }
        }
    }

    /// Checks `mapAccounts` like `AwsAuthReader.readAccountList`: null and empty items are skipped, other
    /// non-strings are dropped, and an id that is not 12 digits is kept but can match no ARN.
    mutating func readAccountList(_ list: DocumentNode, lines: EmbeddedLines) {
        guard let items = list.sequenceItems else {
            if !list.isNull {
                collector.add(
                    .entriesNotList(field: "mapAccounts", kind: list.kindName), line: lines.lineNumber(list.start))
            }
            return
        }
        for (index, item) in items.enumerated() where !item.isNull {
            let line = lines.lineNumber(item.start)
            guard let text = item.scalarText else {
                let reason = "it is a \(item.kindName), not an account id"
                collector.add(.invalidEntry(field: "mapAccounts", index: index + 1, reason: reason), line: line)
                continue
            }
            let trimmed = text.trimmingWhitespace()
            if AwsAuthReader.isSkippable(trimmed) || trimmed == "''" { continue }
            if trimmed.utf8.count != 12 || !trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                collector.add(.invalidAccountID(index: index + 1, text: trimmed), line: line)
            }
        }
    }
}

extension EmbeddedLines {
    /// The file line of a position in the embedded text; `line(_:)` returns a line for every mark.
    func lineNumber(_ mark: DocumentMark) -> Int {
        line(mark) ?? mark.line
    }
}
