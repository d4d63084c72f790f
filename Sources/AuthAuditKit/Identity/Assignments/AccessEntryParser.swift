/// The access entry data read from one input and the problems found in it.
public struct AccessEntryParseResult: Sendable, Equatable {
    public var inventory: AccessEntryInventory
    public var diagnostics: [Diagnostic]
}

/// Reads EKS access entries and their access policies from the JSON (or YAML) the AWS CLI prints.
///
/// Accepted documents, alone, as a YAML stream or as JSON objects written back to back:
/// - `aws eks list-access-entries`: `{"accessEntries": ["<principal ARN>", …]}`;
/// - `aws eks describe-access-entry`: `{"accessEntry": {"clusterName", "principalArn",
///   "kubernetesGroups", "accessEntryArn", "createdAt", "modifiedAt", "tags", "username", "type"}}`;
/// - `aws eks list-associated-access-policies`: `{"clusterName", "principalArn",
///   "associatedAccessPolicies": [{"policyArn", "accessScope": {"type", "namespaces"}, "associatedAt",
///   "modifiedAt"}]}`.
///
/// A bad entry is dropped with a diagnostic and the good entries are kept.
public enum AccessEntryParser {
    public static func parse(_ bytes: [UInt8], source: String) -> AccessEntryParseResult {
        var reader = AccessEntryReader(diagnostics: AssignmentDiagnostics(source: source))
        switch AssignmentDocuments.parse(bytes) {
        case .failure(let error):
            reader.diagnostics.reportParseError(error)
        case .success(let documents):
            for document in documents where !document.node.isNull {
                reader.read(document)
            }
        }
        return AccessEntryParseResult(inventory: reader.inventory, diagnostics: reader.diagnostics.list)
    }

    public static func parse(_ text: String, source: String) -> AccessEntryParseResult {
        parse(Array(text.utf8), source: source)
    }

    /// Parses several inputs and joins them: the usual entry point when all files are at hand.
    public static func read(
        _ inputs: [(bytes: [UInt8], source: String)]
    ) -> (entries: [AccessEntry], diagnostics: [Diagnostic]) {
        let merged = mergeInventories(inputs) { bytes, source in
            let result = parse(bytes, source: source)
            return (result.inventory, result.diagnostics)
        }
        let joined = merged.inventory.joined()
        return (joined.entries, merged.diagnostics + joined.diagnostics)
    }
}

/// The state of one `AccessEntryParser.parse` call.
struct AccessEntryReader {
    var diagnostics: AssignmentDiagnostics
    var inventory = AccessEntryInventory()

    mutating func read(_ document: AssignmentDocument) {
        let node = document.node
        let line = document.line(of: node)
        guard node.mappingEntries != nil else {
            diagnostics.reportUnknown(line: line)
            return
        }
        if let entry = node["accessEntry"] {
            readDescribedEntry(entry, in: document)
        } else if let list = node["accessEntries"] {
            readEntryList(list, in: document)
        } else if let list = node["associatedAccessPolicies"] {
            readPolicies(list, owner: node, in: document)
        } else {
            diagnostics.reportUnknown(line: line)
            return
        }
        let token = node["nextToken"]?.scalarText ?? node["NextToken"]?.scalarText ?? ""
        if !token.isEmpty {
            diagnostics.report(
                .warning, line: line,
                reason: "The output has a nextToken, so it is one page of a longer list. "
                    + "Run the command without --max-items or --no-paginate to get every page.")
        }
    }

    private mutating func readEntryList(_ list: DocumentNode, in document: AssignmentDocument) {
        guard let items = list.sequenceItems else {
            if !list.isNull {
                diagnostics.report(
                    .error, line: document.line(of: list), reason: "accessEntries is a \(list.kindName), not a list.")
            }
            return
        }
        for (index, item) in items.enumerated() {
            let line = document.line(of: item)
            do throws(FieldProblem) {
                guard let text = item.scalarText else {
                    throw FieldProblem(text: "it is a \(item.kindName), not a principal ARN.")
                }
                try Self.checkPrincipal(text)
                inventory.listed.append(.init(principalARN: text, source: diagnostics.source, line: line))
            } catch {
                diagnostics.report(
                    .error, line: line, reason: "accessEntries entry \(index + 1) was dropped: \(error.text)")
            }
        }
    }

    private mutating func readDescribedEntry(_ node: DocumentNode, in document: AssignmentDocument) {
        let line = document.line(of: node)
        do throws(FieldProblem) {
            guard node.mappingEntries != nil else {
                throw FieldProblem(text: "it is a \(node.kindName), not a mapping.")
            }
            let principal = try AssignmentFields.requiredString(node, "principalArn")
            try Self.checkPrincipal(principal)
            var entry = AccessEntry(
                principalARN: principal, clusterName: try AssignmentFields.string(node, "clusterName"))
            entry.kubernetesGroups = try AssignmentFields.stringList(node, "kubernetesGroups") ?? []
            entry.username = try AssignmentFields.string(node, "username")
            entry.accessEntryARN = try AssignmentFields.string(node, "accessEntryArn")
            entry.createdAt = try AssignmentFields.string(node, "createdAt")
            entry.modifiedAt = try AssignmentFields.string(node, "modifiedAt")
            entry.tags = try AssignmentFields.stringMap(node, "tags")
            let typeText = try AssignmentFields.string(node, "type") ?? AccessEntryType.standard.rawValue
            entry.type = AccessEntryType(rawValue: typeText)
            if let type = entry.type, type != .standard, !type.isNode {
                diagnostics.report(
                    .warning, line: line,
                    reason: "accessEntry \(principal) has type '\(typeText)', which authaudit does not know; "
                        + "its default username is taken to be that of a STANDARD entry.")
            }
            inventory.described.append(.init(entry: entry, source: diagnostics.source, line: line))
        } catch {
            diagnostics.report(.error, line: line, reason: "accessEntry was dropped: \(error.text)")
        }
    }

    private mutating func readPolicies(_ list: DocumentNode, owner: DocumentNode, in document: AssignmentDocument) {
        let line = document.line(of: owner)
        let principal: String
        let cluster: String?
        do throws(FieldProblem) {
            principal = try AssignmentFields.requiredString(owner, "principalArn")
            try Self.checkPrincipal(principal)
            cluster = try AssignmentFields.string(owner, "clusterName")
        } catch {
            diagnostics.report(.error, line: line, reason: "associatedAccessPolicies were dropped: \(error.text)")
            return
        }
        guard let items = list.sequenceItems else {
            if !list.isNull {
                diagnostics.report(
                    .error, line: document.line(of: list),
                    reason: "associatedAccessPolicies is a \(list.kindName), not a list.")
            }
            return
        }
        var grants: [AccessPolicyGrant] = []
        for (index, item) in items.enumerated() {
            do {
                grants.append(try Self.grant(item))
            } catch {
                diagnostics.report(
                    .error, line: document.line(of: item),
                    reason: "associatedAccessPolicies entry \(index + 1) of \(principal) was dropped: \(error.text)")
            }
        }
        inventory.policyLists.append(
            .init(clusterName: cluster, principalARN: principal, grants: grants, source: diagnostics.source, line: line)
        )
    }

    private static func grant(_ item: DocumentNode) throws(FieldProblem) -> AccessPolicyGrant {
        guard item.mappingEntries != nil else { throw FieldProblem(text: "it is a \(item.kindName), not a mapping.") }
        let policy = try AssignmentFields.requiredString(item, "policyArn")
        guard let scopeNode = item["accessScope"], scopeNode.mappingEntries != nil else {
            throw FieldProblem(text: "accessScope is missing.")
        }
        let kindText = try AssignmentFields.requiredString(scopeNode, "type")
        guard let kind = AccessScope.Kind(rawValue: kindText) else {
            throw FieldProblem(text: "accessScope type '\(kindText)' is neither cluster nor namespace.")
        }
        let namespaces = try AssignmentFields.stringList(scopeNode, "namespaces") ?? []
        if kind == .namespace, namespaces.isEmpty {
            throw FieldProblem(text: "accessScope type namespace lists no namespaces.")
        }
        return AccessPolicyGrant(
            policyARN: policy, scope: AccessScope(kind: kind, namespaces: kind == .cluster ? [] : namespaces),
            associatedAt: try AssignmentFields.string(item, "associatedAt"),
            modifiedAt: try AssignmentFields.string(item, "modifiedAt"))
    }

    /// Access entries accept only IAM role and IAM user ARNs; STS session ARNs are rejected by EKS.
    private static func checkPrincipal(_ text: String) throws(FieldProblem) {
        guard let arn = ARN(text), arn.isIAMRole || arn.isIAMUser else {
            throw FieldProblem(text: "principalArn '\(text)' is not an IAM role or IAM user ARN.")
        }
    }
}
