/// Maps positions inside an embedded YAML string (the value of `mapRoles`) to lines of the input file.
struct EmbeddedLines {
    /// The scalar that held the embedded text, or nil when entries are part of the file itself.
    let outer: DocumentNode?

    func line(_ mark: DocumentMark) -> Int? {
        guard let outer else { return mark.line }
        switch outer.scalar?.style {
        case .literal?:
            // The block's text starts on the line after the `|` indicator, and its lines are kept as written.
            return outer.start.line + mark.line
        default:
            // Quoted and folded text changes line breaks, so only the scalar's own line is certain.
            return outer.start.line
        }
    }
}

extension AwsAuthReader {
    /// Reads an aws-auth ConfigMap the way `ParseMap` does. Only `kube-system/aws-auth` is read; a
    /// ConfigMap without a name is assumed to be it.
    mutating func readConfigMap(_ node: DocumentNode, insideList: Bool) {
        let metadata = node["metadata"]
        let name = metadata?["name"]?.scalarText
        let namespace = metadata?["namespace"]?.scalarText
        guard name == nil || name == "aws-auth", namespace == nil || namespace == "kube-system" else {
            if !insideList {
                let shown = [namespace, name].compactMap { $0 }.joined(separator: "/")
                report(
                    .note, line: node.start.line,
                    reason: "ConfigMap \(shown) was skipped because only kube-system/aws-auth holds IAM mappings.")
            }
            return
        }
        result.objectCount += 1

        guard let data = node["data"], !data.isNull else { return }
        guard let entries = data.mappingEntries else {
            report(
                .error, line: data.start.line,
                reason: "The aws-auth ConfigMap is invalid: data is a \(data.kindName), not a mapping.")
            return
        }
        // Kubernetes rejects a ConfigMap whose data values are not strings (for example `mapRoles:` followed by
        // a list because the `|` is missing), so such a ConfigMap contributes no mappings at all.
        for entry in entries where !entry.value.isNull && entry.value.scalar?.resolvedKind != .string {
            let key = entry.key.scalarText ?? "?"
            let hint = entry.value.sequenceItems != nil ? " Write `\(key): |` so that the list is a string." : ""
            report(
                .error, line: entry.value.start.line,
                reason:
                    "The aws-auth ConfigMap is invalid and was ignored: data.\(key) is a \(entry.value.kindName), not a string.\(hint)"
            )
            return
        }

        // Top-level data keys are case-sensitive: `maproles` and `MaPrOlEs` are not read by the authenticator.
        if let roles = data["mapRoles"], let text = roles.scalarText, !Self.isSkippable(text) {
            if let list = parseEmbedded(text, field: "mapRoles", outer: roles) {
                readRoleList(list, field: "mapRoles", lines: EmbeddedLines(outer: roles))
            }
        }
        if let users = data["mapUsers"], let text = users.scalarText, !Self.isSkippable(text) {
            if let list = parseEmbedded(text, field: "mapUsers", outer: users) {
                readUserList(list, field: "mapUsers", lines: EmbeddedLines(outer: users))
            }
        }
        if let accounts = data["mapAccounts"], let text = accounts.scalarText, !Self.isSkippable(text) {
            if let list = parseEmbedded(text, field: "mapAccounts", outer: accounts) {
                readAccountList(list, lines: EmbeddedLines(outer: accounts))
            }
        }

        for entry in entries {
            guard let key = entry.key.scalarText, !["mapRoles", "mapUsers", "mapAccounts"].contains(key),
                ["maproles", "mapusers", "mapaccounts"].contains(key.lowercased())
            else { continue }
            report(
                .warning, line: entry.key.start.line,
                reason:
                    "data.\(key) is ignored because data keys are case-sensitive; the authenticator reads only mapRoles, mapUsers and mapAccounts."
            )
        }
    }

    /// Empty text, "``" and `""` mean "no entries" (`isSkippable` in `configmap.go`).
    static func isSkippable(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace()
        return trimmed.isEmpty || trimmed == "``" || trimmed == "\"\""
    }

    /// Parses the YAML or JSON inside a data value; only the first document counts, as with `yaml.ToJSON`.
    private mutating func parseEmbedded(_ text: String, field: String, outer: DocumentNode) -> DocumentNode? {
        let lines = EmbeddedLines(outer: outer)
        do {
            return try DocumentParser.parse(text).first
        } catch {
            report(
                .error, line: lines.line(error.mark),
                reason: "data.\(field) was ignored: \(DocumentErrorText.describe(error))")
            return nil
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
