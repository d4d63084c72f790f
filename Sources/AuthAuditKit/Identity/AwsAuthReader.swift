/// The state of one `AwsAuthParser.parse` call: the mappings and diagnostics collected so far.
struct AwsAuthReader {
    let source: String
    var result = AwsAuthParseResult()

    init(source: String) {
        self.source = source
    }

    mutating func report(_ severity: DiagnosticSeverity, line: Int?, reason: String) {
        result.diagnostics.append(
            Diagnostic(severity: severity, source: source, line: line, problem: .invalidDocument(reason: reason)))
    }

    /// Reads one top-level document or `List` item. Objects of other kinds inside a List are skipped
    /// silently, because `kubectl get cm -A -o yaml` lists every ConfigMap of the cluster.
    mutating func readObject(_ node: DocumentNode, insideList: Bool) {
        if node.isNull { return }
        guard node.mappingEntries != nil else {
            if !insideList {
                result.diagnostics.append(
                    Diagnostic(severity: .error, source: source, line: node.start.line, problem: .unknownFormat))
            }
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
            if !insideList {
                result.diagnostics.append(
                    Diagnostic(
                        severity: .note, source: source, line: node.start.line, problem: .unsupportedKind(name: kind)))
            }
        case nil:
            if node.value(forCaseInsensitiveKey: "mapRoles") != nil
                || node.value(forCaseInsensitiveKey: "mapUsers") != nil
            {
                readDynamicFile(node)
            } else if !insideList {
                result.diagnostics.append(
                    Diagnostic(severity: .error, source: source, line: node.start.line, problem: .unknownFormat))
            }
        }
    }

    // MARK: - DynamicFile and IAMIdentityMapping

    /// Reads `{"mapRoles": [...], "mapUsers": [...]}`. Go's `encoding/json` reads this file, so the keys
    /// match ignoring case.
    private mutating func readDynamicFile(_ node: DocumentNode) {
        result.objectCount += 1
        let lines = EmbeddedLines(outer: nil)
        if let roles = node.value(forCaseInsensitiveKey: "mapRoles"), !roles.isNull {
            readRoleList(roles, field: "mapRoles", lines: lines)
        }
        if let users = node.value(forCaseInsensitiveKey: "mapUsers"), !users.isNull {
            readUserList(users, field: "mapUsers", lines: lines)
        }
    }

    /// Reads an `IAMIdentityMapping`. The CRD controller stores the canonical form of `spec.arn`, so an ARN that
    /// canonicalizes to an IAM role becomes a role mapping and any other identity a user mapping.
    private mutating func readIdentityMapping(_ node: DocumentNode) {
        result.objectCount += 1
        let name = node["metadata"]?["name"]?.scalarText ?? "(unnamed)"
        let line = node["spec"]?.start.line ?? node.start.line
        guard let spec = node["spec"], let arnText = spec["arn"]?.scalarText else {
            report(.error, line: line, reason: "IAMIdentityMapping \(name) was skipped because spec.arn is missing.")
            return
        }
        let canonical: ARN
        do {
            canonical = try ARN.canonicalize(arnText)
        } catch {
            report(
                .error, line: line,
                reason:
                    "IAMIdentityMapping \(name) was skipped because spec.arn \(arnText) is not an IAM role or user ARN."
            )
            return
        }
        let username = spec["username"]?.scalarText ?? ""
        let groups = (spec["groups"]?.sequenceItems ?? []).compactMap(\.scalarText)
        if canonical.isIAMRole {
            result.mapping.roles.append(RoleMapping(roleARN: canonical.description, username: username, groups: groups))
        } else {
            result.mapping.users.append(UserMapping(userARN: canonical.description, username: username, groups: groups))
        }
    }
}
