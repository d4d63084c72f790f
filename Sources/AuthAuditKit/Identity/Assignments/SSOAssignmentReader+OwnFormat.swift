extension SSOAssignmentReader {
    /// Reads an `SSOAssignments` document, whose format `SSOAssignmentParser` describes.
    mutating func readOwnFormat(_ document: AssignmentDocument) {
        let node = document.node
        let version = node["apiVersion"]?.scalarText ?? ""
        guard version == SSOAssignmentParser.apiVersion else {
            diagnostics.report(
                .error, line: document.line(of: node),
                reason:
                    "SSOAssignments apiVersion '\(version)' is not supported; use \(SSOAssignmentParser.apiVersion).")
            return
        }
        guard let list = node["assignments"] else {
            diagnostics.report(
                .warning, line: document.line(of: node), reason: "SSOAssignments has no assignments list.")
            return
        }
        for (index, item) in items(list, field: "assignments", in: document).enumerated() {
            let line = document.line(of: item)
            do {
                let (assignments, badAccounts) = try Self.assignments(item)
                for account in badAccounts {
                    diagnostics.report(
                        .error, line: line,
                        reason: "assignments entry \(index + 1): account '\(account)' was dropped because it is "
                            + "not a 12-digit AWS account id.")
                }
                if assignments.isEmpty, !badAccounts.isEmpty { continue }
                inventory.located += assignments.map {
                    SSOInventory.Located(assignment: $0, source: diagnostics.source, line: line, needsNames: false)
                }
            } catch {
                diagnostics.report(
                    .error, line: line, reason: "assignments entry \(index + 1) was dropped: \(error.text)")
            }
        }
    }

    /// Builds the assignments of one entry, one per account, and returns the account texts that are
    /// not account ids.
    private static func assignments(
        _ item: DocumentNode
    ) throws(FieldProblem) -> (assignments: [SSOAssignment], badAccounts: [String]) {
        guard item.mappingEntries != nil else { throw FieldProblem(text: "it is a \(item.kindName), not a mapping.") }
        let group = try AssignmentFields.string(item, "group")
        let user = try AssignmentFields.string(item, "user")
        let principal: (name: String, type: SSOPrincipalType)
        switch (group, user) {
        case (let group?, nil) where !group.isEmpty: principal = (group, .group)
        case (nil, let user?) where !user.isEmpty: principal = (user, .user)
        case (.some, .some): throw FieldProblem(text: "it has both group and user; give one.")
        default: throw FieldProblem(text: "group is missing.")
        }

        let permissionSet = try AssignmentFields.requiredString(item, "permissionSet")
        let isARN = permissionSet.hasPrefix("arn:")
        guard isARN || isPermissionSetName(permissionSet) else {
            throw FieldProblem(
                text: "permissionSet '\(permissionSet)' is not a permission set name (1 to 32 of [A-Za-z0-9_+=,.@-]) "
                    + "or ARN.")
        }

        var accounts = try AssignmentFields.stringList(item, "accounts") ?? []
        if let account = try AssignmentFields.string(item, "account") { accounts.append(account) }
        guard !accounts.isEmpty else { throw FieldProblem(text: "it has neither account nor accounts.") }

        let valid = accounts.filter(AssignmentFields.isAccountID)
        let assignments = valid.map {
            SSOAssignment(
                account: $0, permissionSetName: permissionSet, principalName: principal.name,
                principalType: principal.type, permissionSetARN: isARN ? permissionSet : nil)
        }
        return (assignments, accounts.filter { !AssignmentFields.isAccountID($0) })
    }

    /// Checks that a text is a valid permission set name: 1 to 32 of `[\w+=,.@-]` (IAM Identity Center
    /// `CreatePermissionSet` API reference).
    static func isPermissionSetName(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        return (1...32).contains(scalars.count) && scalars.allSatisfy(permissionSetNameCharacters.contains)
    }

    private static let permissionSetNameCharacters = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+=,.@-".unicodeScalars)
}
