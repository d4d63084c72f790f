/// The reason one mapping entry was dropped.
private struct EntryProblem: Error {
    let text: String
}

extension AwsAuthReader {
    mutating func readRoleList(_ list: DocumentNode, field: String, lines: EmbeddedLines) {
        guard let items = list.sequenceItems else {
            if !list.isNull {
                report(
                    .error, line: lines.line(list.start),
                    reason: "\(field) was ignored: it is a \(list.kindName), not a list of entries.")
            }
            return
        }
        for (index, item) in items.enumerated() {
            let line = lines.line(item.start)
            do {
                let role = try Self.roleMapping(item)
                result.mapping.roles.append(role)
                lintRoleARN(role, field: field, index: index, line: line)
            } catch {
                report(.error, line: line, reason: "\(field) entry \(index + 1) was dropped: \(error.text)")
            }
        }
    }

    mutating func readUserList(_ list: DocumentNode, field: String, lines: EmbeddedLines) {
        guard let items = list.sequenceItems else {
            if !list.isNull {
                report(
                    .error, line: lines.line(list.start),
                    reason: "\(field) was ignored: it is a \(list.kindName), not a list of entries.")
            }
            return
        }
        for (index, item) in items.enumerated() {
            let line = lines.line(item.start)
            do {
                let user = try Self.userMapping(item)
                result.mapping.users.append(user)
                if let arn = ARN(user.userARN), arn.isAssumedRole {
                    report(
                        .warning, line: line,
                        reason:
                            "\(field) entry \(index + 1) never matches: \(user.userARN) is a role session; map the role \((try? arn.canonical().description) ?? "") under mapRoles instead."
                    )
                }
            } catch {
                report(.error, line: line, reason: "\(field) entry \(index + 1) was dropped: \(error.text)")
            }
        }
    }

    /// Reads `mapAccounts`, which the authenticator decodes with yaml.v2 into strings, so unquoted
    /// numbers are accepted. Empty entries are skipped.
    mutating func readAccountList(_ list: DocumentNode, lines: EmbeddedLines) {
        guard let items = list.sequenceItems else {
            if !list.isNull {
                report(
                    .error, line: lines.line(list.start),
                    reason: "mapAccounts was ignored: it is a \(list.kindName), not a list of account ids.")
            }
            return
        }
        for (index, item) in items.enumerated() {
            if item.isNull { continue }
            guard let text = item.scalarText else {
                report(
                    .error, line: lines.line(item.start),
                    reason: "mapAccounts entry \(index + 1) was dropped: it is a \(item.kindName), not an account id.")
                continue
            }
            let trimmed = text.trimmingWhitespace()
            if Self.isSkippable(trimmed) || trimmed == "''" { continue }
            result.mapping.accounts.append(trimmed)
            if trimmed.utf8.count != 12 || !trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                report(
                    .warning, line: lines.line(item.start),
                    reason:
                        "mapAccounts entry \(index + 1) (\(trimmed)) is not a 12-digit account id, so no ARN can match it."
                )
            }
        }
    }

    private mutating func lintRoleARN(_ role: RoleMapping, field: String, index: Int, line: Int?) {
        guard let text = role.roleARN, let arn = ARN(text) else { return }
        if arn.isIAMRole, arn.rolePath != nil, !text.contains("*"), !text.contains("?") {
            report(
                .warning, line: line,
                reason:
                    "\(field) entry \(index + 1) never matches: role ARNs in aws-auth must not include a path; use \(arn.strippingRolePath())."
            )
        } else if arn.isAssumedRole {
            report(
                .warning, line: line,
                reason:
                    "\(field) entry \(index + 1) never matches: \(text) is a role session; use \((try? arn.canonical().description) ?? "the role ARN")."
            )
        }
    }

    // MARK: - Entry decoding

    /// Decodes a `mapRoles` entry like `encoding/json` into `config.RoleMapping` (keys ignore case) and
    /// applies `RoleMapping.Validate` (`pkg/config/mapper.go`).
    private static func roleMapping(_ item: DocumentNode) throws(EntryProblem) -> RoleMapping {
        guard item.mappingEntries != nil else { throw EntryProblem(text: "it is a \(item.kindName), not a mapping.") }
        let roleARN = try string(item, "rolearn")
        var role = RoleMapping(roleARN: roleARN, username: try string(item, "username") ?? "", groups: try groups(item))
        role.userID = try string(item, "userid")
        if let sso = item.value(forCaseInsensitiveKey: "sso"), !sso.isNull {
            guard sso.mappingEntries != nil else {
                throw EntryProblem(text: "sso is a \(sso.kindName), not a mapping.")
            }
            role.ssoPermissionSetName = try string(sso, "permissionSetName")
            role.ssoAccountID = try string(sso, "accountID")
            role.ssoPartition = try string(sso, "partition")
            try validateSSO(role)
        }
        let hasARN = !(roleARN ?? "").isEmpty
        let hasSSO = role.ssoPermissionSetName != nil || role.ssoAccountID != nil
        if !hasARN && !hasSSO { throw EntryProblem(text: "it has neither rolearn nor sso.") }
        if hasARN && hasSSO { throw EntryProblem(text: "it has both rolearn and sso; only one is allowed.") }
        return role
    }

    private static func validateSSO(_ role: RoleMapping) throws(EntryProblem) {
        let account = role.ssoAccountID ?? ""
        guard account.utf8.count == 12, account.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw EntryProblem(text: "sso.accountID '\(account)' is not a 12-digit AWS account id.")
        }
        let name = role.ssoPermissionSetName ?? ""
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+=,.@-".unicodeScalars)
        guard (1...32).contains(name.unicodeScalars.count), name.unicodeScalars.allSatisfy(allowed.contains) else {
            throw EntryProblem(
                text:
                    "sso.permissionSetName '\(name)' is not a valid permission set name (1 to 32 of [A-Za-z0-9_+=,.@-])."
            )
        }
        if let partition = role.ssoPartition, !partition.isEmpty, !ARN.knownPartitions.contains(partition) {
            throw EntryProblem(text: "sso.partition '\(partition)' is not a known AWS partition.")
        }
    }

    /// Decodes a `mapUsers` entry and applies `UserMapping.Validate` (userarn is required).
    private static func userMapping(_ item: DocumentNode) throws(EntryProblem) -> UserMapping {
        guard item.mappingEntries != nil else { throw EntryProblem(text: "it is a \(item.kindName), not a mapping.") }
        guard let userARN = try string(item, "userarn"), !userARN.isEmpty else {
            throw EntryProblem(text: "it has no userarn.")
        }
        var user = UserMapping(userARN: userARN, username: try string(item, "username") ?? "", groups: try groups(item))
        user.userID = try string(item, "userid")
        return user
    }

    /// Reads a string field, returning nil when it is null or missing. A number or boolean is an error, as when
    /// Go's JSON decoder meets a number for a string field after `yaml.ToJSON`.
    private static func string(_ item: DocumentNode, _ key: String) throws(EntryProblem) -> String? {
        guard let node = item.value(forCaseInsensitiveKey: key), !node.isNull else { return nil }
        guard let scalar = node.scalar, scalar.resolvedKind == .string else {
            throw EntryProblem(text: "\(key) is a \(node.kindName), not a string.")
        }
        return scalar.text
    }

    private static func groups(_ item: DocumentNode) throws(EntryProblem) -> [String] {
        guard let node = item.value(forCaseInsensitiveKey: "groups"), !node.isNull else { return [] }
        guard let items = node.sequenceItems else {
            throw EntryProblem(text: "groups is a \(node.kindName), not a list of strings.")
        }
        var groups: [String] = []
        for group in items {
            if group.isNull {
                // encoding/json stores null as the empty string in a []string.
                groups.append("")
                continue
            }
            guard let scalar = group.scalar, scalar.resolvedKind == .string else {
                throw EntryProblem(text: "groups contains a \(group.kindName), not only strings.")
            }
            groups.append(scalar.text)
        }
        return groups
    }
}
