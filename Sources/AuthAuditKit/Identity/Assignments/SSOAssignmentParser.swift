/// The inventory read from one input and the problems found in it.
public struct SSOAssignmentParseResult: Sendable, Equatable {
    public var inventory: SSOInventory
    public var diagnostics: [Diagnostic]
}

/// Reads IAM Identity Center account assignments and the names that go with them, from YAML or JSON.
///
/// Accepted documents, alone, as a YAML stream or as JSON objects written back to back:
/// - authaudit's own `SSOAssignments` YAML, which names groups, permission sets and accounts
///   directly (example in `Tests/Fixtures/assignments/sso-assignments.yaml`):
///   ```yaml
///   apiVersion: authaudit/v1
///   kind: SSOAssignments
///   assignments:
///     - group: AWS-EKS-Admins          # or `user:` for an assignment to a user
///       permissionSet: AWS-EKS-Admins  # the name, or the permission set ARN
///       accounts: ["111122223333"]     # or `account: "111122223333"`, or both
///   ```
/// - `aws sso-admin list-account-assignments` (and `list-account-assignments-for-principal`)
///   output: `{"AccountAssignments": [{"AccountId", "PermissionSetArn", "PrincipalType", "PrincipalId"}]}`;
/// - `aws identitystore list-groups` output: `{"Groups": [{"GroupId", "DisplayName", …}]}`;
/// - `aws sso-admin describe-permission-set` output: `{"PermissionSet": {"Name", "PermissionSetArn", …}}`.
///
/// A bad entry is dropped with a diagnostic and the good entries are kept.
public enum SSOAssignmentParser {
    public static let apiVersion = "authaudit/v1"
    public static let kind = "SSOAssignments"

    public static func parse(_ bytes: [UInt8], source: String) -> SSOAssignmentParseResult {
        var reader = SSOAssignmentReader(diagnostics: AssignmentDiagnostics(source: source))
        switch AssignmentDocuments.parse(bytes) {
        case .failure(let error):
            reader.diagnostics.reportParseError(error)
        case .success(let documents):
            for document in documents where !document.node.isNull {
                reader.read(document)
            }
        }
        return SSOAssignmentParseResult(inventory: reader.inventory, diagnostics: reader.diagnostics.list)
    }

    public static func parse(_ text: String, source: String) -> SSOAssignmentParseResult {
        parse(Array(text.utf8), source: source)
    }

    /// Parses several inputs and joins them: the usual entry point when all files are at hand.
    public static func read(
        _ inputs: [(bytes: [UInt8], source: String)]
    ) -> (assignments: SSOAssignmentSet, diagnostics: [Diagnostic]) {
        let merged = mergeInventories(inputs) { bytes, source in
            let result = parse(bytes, source: source)
            return (result.inventory, result.diagnostics)
        }
        let joined = merged.inventory.joined()
        return (joined.assignments, merged.diagnostics + joined.diagnostics)
    }
}

/// The state of one `SSOAssignmentParser.parse` call.
struct SSOAssignmentReader {
    var diagnostics: AssignmentDiagnostics
    var inventory = SSOInventory()

    mutating func read(_ document: AssignmentDocument) {
        let node = document.node
        let line = document.line(of: node)
        guard node.mappingEntries != nil else {
            diagnostics.reportUnknown(line: line)
            return
        }
        if node["kind"]?.scalarText == SSOAssignmentParser.kind {
            readOwnFormat(document)
        } else if let list = node["AccountAssignments"] {
            readAccountAssignments(list, in: document)
        } else if let list = node["Groups"] {
            readGroups(list, in: document)
        } else if let permissionSet = node["PermissionSet"] {
            readPermissionSet(permissionSet, in: document)
        } else {
            diagnostics.reportUnknown(line: line)
            return
        }
        if let token = node["NextToken"]?.scalarText, !token.isEmpty {
            diagnostics.report(
                .warning, line: line,
                reason: "The output has a NextToken, so it is one page of a longer list. "
                    + "Run the command without --max-items or --no-paginate to get every page.")
        }
    }

    // MARK: - sso-admin and identitystore output

    private mutating func readAccountAssignments(_ list: DocumentNode, in document: AssignmentDocument) {
        for (index, item) in items(list, field: "AccountAssignments", in: document).enumerated() {
            let line = document.line(of: item)
            do {
                let assignment = try Self.accountAssignment(item)
                inventory.located.append(
                    SSOInventory.Located(
                        assignment: assignment, source: diagnostics.source, line: line, needsNames: true))
            } catch {
                diagnostics.report(
                    .error, line: line, reason: "AccountAssignments entry \(index + 1) was dropped: \(error.text)")
            }
        }
    }

    private static func accountAssignment(_ item: DocumentNode) throws(FieldProblem) -> SSOAssignment {
        guard item.mappingEntries != nil else { throw FieldProblem(text: "it is a \(item.kindName), not a mapping.") }
        let account = try AssignmentFields.requiredString(item, "AccountId")
        guard AssignmentFields.isAccountID(account) else {
            throw FieldProblem(text: "AccountId '\(account)' is not a 12-digit AWS account id.")
        }
        let permissionSetARN = try AssignmentFields.requiredString(item, "PermissionSetArn")
        let typeText = try AssignmentFields.requiredString(item, "PrincipalType")
        guard let type = SSOPrincipalType(rawValue: typeText) else {
            throw FieldProblem(text: "PrincipalType '\(typeText)' is neither GROUP nor USER.")
        }
        let principalID = try AssignmentFields.requiredString(item, "PrincipalId")
        return SSOAssignment(
            account: account, permissionSetName: permissionSetARN, principalName: principalID, principalType: type,
            permissionSetARN: permissionSetARN, principalID: principalID)
    }

    private mutating func readGroups(_ list: DocumentNode, in document: AssignmentDocument) {
        for (index, item) in items(list, field: "Groups", in: document).enumerated() {
            do throws(FieldProblem) {
                guard item.mappingEntries != nil else {
                    throw FieldProblem(text: "it is a \(item.kindName), not a mapping.")
                }
                let id = try AssignmentFields.requiredString(item, "GroupId")
                let name = try AssignmentFields.requiredString(item, "DisplayName")
                inventory.groupNames[id] = name
            } catch {
                diagnostics.report(
                    .error, line: document.line(of: item),
                    reason: "Groups entry \(index + 1) was dropped: \(error.text)")
            }
        }
    }

    private mutating func readPermissionSet(_ node: DocumentNode, in document: AssignmentDocument) {
        do throws(FieldProblem) {
            guard node.mappingEntries != nil else {
                throw FieldProblem(text: "it is a \(node.kindName), not a mapping.")
            }
            let arn = try AssignmentFields.requiredString(node, "PermissionSetArn")
            inventory.permissionSetNames[arn] = try AssignmentFields.requiredString(node, "Name")
        } catch {
            diagnostics.report(
                .error, line: document.line(of: node), reason: "PermissionSet was dropped: \(error.text)")
        }
    }

    /// Returns the items of a list field, or none with a diagnostic when the field is not a list.
    mutating func items(_ list: DocumentNode, field: String, in document: AssignmentDocument) -> [DocumentNode] {
        if list.isNull { return [] }
        guard let items = list.sequenceItems else {
            diagnostics.report(
                .error, line: document.line(of: list), reason: "\(field) is a \(list.kindName), not a list.")
            return []
        }
        return items
    }
}
