/// Stores who can reach Kubernetes through IAM Identity Center (`directory_access`), so reports can
/// list directory people who hold access and never used it.
///
/// The chain is: a directory person, a directory group the person is a member of (nested groups
/// included), the permission set an account assignment gives that group, the aws-auth role entry
/// whose `AWSReservedSSO_<permission set>_<suffix>` role belongs to that set and account, and the
/// Kubernetes groups of the entry. It needs a directory export and SSO assignments in the store.
// NOTE: the alpha `sso:` matcher of mapRoles (an entry with a permission set name instead of a role
// ARN) is not followed yet; only entries with an `AWSReservedSSO_` role ARN give access here.
enum DirectoryAccessWriter {
    static func write(_ references: ReferenceDocuments, connection: SQLiteConnection) throws {
        guard let directory = references.directory, let assignments = references.assignments else { return }
        let entries = try connection.prepare(
            "SELECT DISTINCT arn, coalesce(groups, '[]') FROM mapping_entries WHERE kind = 'role' AND arn IS NOT NULL")
        let insert = try connection.prepare(
            """
            INSERT INTO directory_access (
                person, display_name, is_disabled, directory_group, permission_set, account, role_arn,
                kubernetes_groups)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        while try entries.step() {
            let roleARN = entries.text(at: 0) ?? ""
            guard let arn = ARN(roleARN), let permissionSet = SSORoleName.permissionSetName(arn: arn) else { continue }
            for groupName in assignments.groups(holding: permissionSet, account: arn.account) {
                let expectedName = groupName.lowercased()
                for group in directory.groups where group.name.lowercased() == expectedName {
                    for person in directory.members(of: group) {
                        insert.reset()
                        insert.bind(person.samAccountName ?? person.userPrincipalName ?? person.dn, at: 1)
                        insert.bind(person.displayName, at: 2)
                        insert.bind(person.isDisabled.map { Int64($0 ? 1 : 0) }, at: 3)
                        insert.bind(group.name, at: 4)
                        insert.bind(permissionSet, at: 5)
                        insert.bind(arn.account, at: 6)
                        insert.bind(roleARN, at: 7)
                        insert.bind(entries.text(at: 1), at: 8)
                        try insert.run()
                    }
                }
            }
        }
    }
}
