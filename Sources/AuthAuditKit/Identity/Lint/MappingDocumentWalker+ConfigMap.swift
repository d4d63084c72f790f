extension MappingDocumentWalker {
    /// The `data` keys aws-iam-authenticator reads (`ParseMap` in `pkg/mapper/configmap/configmap.go`).
    private static let dataKeys = ["mapRoles", "mapUsers", "mapAccounts"]

    /// Reads an aws-auth ConfigMap like `AwsAuthReader.readConfigMap`. A ConfigMap without a name or namespace is
    /// assumed to be `kube-system/aws-auth`.
    mutating func readConfigMap(_ node: DocumentNode, insideList: Bool) {
        let metadata = node["metadata"]
        let name = metadata?["name"]?.scalarText
        let namespace = metadata?["namespace"]?.scalarText
        guard name == nil || name == "aws-auth", namespace == nil || namespace == "kube-system" else {
            if !insideList {
                let qualifiedName = [namespace, name].compactMap { $0 }.joined(separator: "/")
                collector.add(.otherConfigMap(name: qualifiedName), line: node.start.line)
            }
            return
        }
        objectCount += 1

        guard let data = node["data"], !data.isNull else { return }
        guard let entries = data.mappingEntries else {
            collector.add(.dataNotMapping(kind: data.kindName), line: data.start.line)
            return
        }
        // Kubernetes rejects a ConfigMap whose data values are not strings, so nothing in it applies.
        for entry in entries where !entry.value.isNull && entry.value.scalar?.resolvedKind != .string {
            let key = entry.key.scalarText ?? "?"
            collector.add(.dataValueNotString(key: key, kind: entry.value.kindName), line: entry.value.start.line)
            return
        }

        if let list = embeddedList(data, field: "mapRoles") {
            readEntryList(list.node, field: .roles, lines: list.lines, origin: .configMap)
        }
        if let list = embeddedList(data, field: "mapUsers") {
            readEntryList(list.node, field: .users, lines: list.lines, origin: .configMap)
        }
        if let list = embeddedList(data, field: "mapAccounts") {
            readAccountList(list.node, lines: list.lines)
        }

        for entry in entries {
            guard let key = entry.key.scalarText, !Self.dataKeys.contains(key),
                let expected = Self.dataKeys.first(where: { $0.lowercased() == key.lowercased() })
            else { continue }
            collector.add(.dataKeyWrongCase(key: key, expected: expected), line: entry.key.start.line)
        }
    }

    /// Parses the YAML or JSON text of `data.<field>`. Only the first document counts, as with `yaml.ToJSON`; empty
    /// text, "``" and `""` mean no entries.
    private mutating func embeddedList(
        _ data: DocumentNode, field: String
    ) -> (node: DocumentNode, lines: EmbeddedLines)? {
        // Top-level data keys are case-sensitive, so only the exact key is read.
        guard let outer = data[field], let text = outer.scalarText, !AwsAuthReader.isSkippable(text) else {
            return nil
        }
        let lines = EmbeddedLines(outer: outer)
        do {
            guard let node = try DocumentParser.parse(text).first else { return nil }
            return (node, lines)
        } catch {
            collector.add(.invalidYAML(field: field, error: error), line: lines.lineNumber(error.mark))
            return nil
        }
    }
}
