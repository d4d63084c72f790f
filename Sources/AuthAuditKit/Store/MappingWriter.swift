/// Writes aws-auth mapping documents and their entries, once per distinct content.
final class MappingWriter {
    private let insertDocument: SQLiteStatement
    private let insertEntry: SQLiteStatement
    private let connection: SQLiteConnection

    init(connection: SQLiteConnection) throws(SQLiteError) {
        self.connection = connection
        insertDocument = try connection.prepare(
            """
            INSERT INTO mapping_documents (content_hash, source_id, kind, loaded_at, effective_at, origin)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (content_hash) DO NOTHING
            """)
        insertEntry = try connection.prepare(
            """
            INSERT INTO mapping_entries (
                document_id, position, kind, arn, username_template, groups, user_id,
                sso_permission_set, sso_account_id, sso_partition)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    func write(
        _ mapping: AwsAuthMapping, kind: String, contentHash: UInt64, sourceID: Int64, effectiveAt: Timestamp?,
        origin: MappingOrigin
    ) throws -> Bool {
        insertDocument.reset()
        insertDocument.bind(ByteHash.storable(contentHash), at: 1)
        insertDocument.bind(sourceID, at: 2)
        insertDocument.bind(kind, at: 3)
        insertDocument.bind(Clock.now().microseconds, at: 4)
        insertDocument.bind(effectiveAt?.microseconds, at: 5)
        insertDocument.bind(origin.rawValue, at: 6)
        try insertDocument.run()
        guard connection.changes == 1 else { return false }
        let documentID = connection.lastInsertRowID

        var position: Int64 = 0
        func insert(
            kind: String, arn: String?, username: String?, groups: [String]?, userID: String?, sso: RoleMapping? = nil
        ) throws {
            insertEntry.reset()
            insertEntry.bind(documentID, at: 1)
            insertEntry.bind(position, at: 2)
            insertEntry.bind(kind, at: 3)
            insertEntry.bind(arn, at: 4)
            insertEntry.bind(username, at: 5)
            insertEntry.bind(groups.map(JSONText.array), at: 6)
            insertEntry.bind(userID, at: 7)
            insertEntry.bind(sso?.ssoPermissionSetName, at: 8)
            insertEntry.bind(sso?.ssoAccountID, at: 9)
            insertEntry.bind(sso?.ssoPartition, at: 10)
            try insertEntry.run()
            position += 1
        }
        for role in mapping.roles {
            try insert(
                kind: "role", arn: role.roleARN, username: role.username, groups: role.groups, userID: role.userID,
                sso: role)
        }
        for user in mapping.users {
            try insert(kind: "user", arn: user.userARN, username: user.username, groups: user.groups, userID: user.userID)
        }
        for account in mapping.accounts {
            try insert(kind: "account", arn: account, username: nil, groups: nil, userID: nil)
        }
        return true
    }
}

/// Where a mapping document came from.
public enum MappingOrigin: String, Sendable {
    /// A file given to ingest (a ConfigMap dump, IAMIdentityMapping objects, a DynamicFile).
    case file
    /// An update of `kube-system/aws-auth` recorded in the audit log.
    case auditLog = "audit log"
}
