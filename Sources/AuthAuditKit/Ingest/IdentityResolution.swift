/// Resolves every stored identity with all mappings and authenticator lines in the store.
///
/// It runs after each ingest over the whole store, because an aws-auth file or authenticator log
/// read later can resolve identities read earlier. Identities are few (one per distinct user
/// object), so this is cheap next to reading the logs.
enum IdentityResolution {
    /// Resolves every identity again. Returns the diagnostics of joining the reference documents
    /// (names an SSO or access entry export left unresolved).
    @discardableResult
    static func run(store: AuditStore) throws -> [Diagnostic] {
        let connection = store.connection
        let references = try ReferenceDocuments.load(from: store)
        let history = MappingHistory(versions: try loadMappingVersions(connection) + references.accessEntryVersions)
        let index = try loadAuthenticatorIndex(connection)
        let activity = try loadActivity(connection)
        var resolvers: [[AwsAuthMapping]: IdentityResolver] = [:]
        let assumptions = try store.roleAssumptions()
        let enrichment = ChainEnrichment(
            roleSessions: assumptions.isEmpty ? nil : RoleSessionResolver(assumptions: assumptions),
            directory: references.directory, assignments: references.assignments)

        try connection.transaction {
            try connection.execute(
                "DELETE FROM identity_links; DELETE FROM identity_resolutions; DELETE FROM identity_groups;")
            let insertGroup = try connection.prepare(
                "INSERT OR IGNORE INTO identity_groups (identity_id, group_name, source) VALUES (?, ?, ?)")
            let insertResolution = try connection.prepare(
                """
                INSERT INTO identity_resolutions (
                    identity_id, status, reason, person, iam_arn, account_id, permission_set, session_name,
                    session_kind, source, access_key_id, person_source, first_seen, last_seen, requests, forbidden,
                    impersonating)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertLink = try connection.prepare(
                """
                INSERT INTO identity_links (identity_id, position, kind, value, source, observed_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """)

            let identities = try connection.prepare(
                """
                SELECT i.id, u.name, i.uid, i.groups, i.extra FROM identities i JOIN usernames u ON u.id = i.username_id
                """)
            while try identities.step() {
                let id = identities.int64(at: 0)
                let user = try decodeUser(
                    username: identities.text(at: 1) ?? "", uid: identities.text(at: 2),
                    groups: identities.text(at: 3) ?? "[]", extra: identities.text(at: 4) ?? "{}")
                let stats = activity[id]
                let mappings = history.mappings(at: stats?.firstSeen)
                let resolver = resolvers[mappings] ?? IdentityResolver(mappings: mappings, index: index)
                resolvers[mappings] = resolver
                var chain = resolver.resolve(user)
                let groups = enrichment.enrich(&chain, firstSeen: stats?.firstSeen)
                try write(chain, identityID: id, activity: stats, resolution: insertResolution, link: insertLink)
                for group in groups.names {
                    insertGroup.reset()
                    insertGroup.bind(id, at: 1)
                    insertGroup.bind(group, at: 2)
                    insertGroup.bind(groups.source.rawValue, at: 3)
                    try insertGroup.run()
                }
            }
        }
        return references.diagnostics
    }

    /// Request counts and times of one identity. A request made by impersonation counts in
    /// `requests` for the impersonated identity and in `impersonating` for the one that sent it;
    /// the times cover both.
    struct Activity {
        var firstSeen: Timestamp?
        var lastSeen: Timestamp?
        var requests: Int64 = 0
        var forbidden: Int64 = 0
        var impersonating: Int64 = 0

        mutating func count(at time: Timestamp?, isForbidden: Bool) {
            see(time)
            requests += 1
            forbidden += isForbidden ? 1 : 0
        }

        mutating func countImpersonating(at time: Timestamp?) {
            see(time)
            impersonating += 1
        }

        private mutating func see(_ time: Timestamp?) {
            guard let time else { return }
            firstSeen = min(firstSeen ?? time, time)
            lastSeen = max(lastSeen ?? time, time)
        }
    }

    /// The activity of every identity, in one pass over the requests. The rows are aggregated here
    /// rather than with GROUP BY, because SQLite would sort every request to group them.
    static func loadActivity(_ connection: SQLiteConnection) throws -> [Int64: Activity] {
        let statement = try connection.prepare(
            """
            SELECT coalesce(impersonated_identity_id, identity_id), received_at, code = 403,
                   CASE WHEN impersonated_identity_id IS NOT NULL THEN identity_id END
            FROM requests
            WHERE identity_id IS NOT NULL OR impersonated_identity_id IS NOT NULL
            """)
        var activity: [Int64: Activity] = [:]
        while try statement.step() {
            let identity = statement.int64(at: 0)
            let time = statement.isNull(at: 1) ? nil : Timestamp(microseconds: statement.int64(at: 1))
            let isForbidden = statement.int64(at: 2) == 1
            activity[identity, default: Activity()].count(at: time, isForbidden: isForbidden)
            if !statement.isNull(at: 3) {
                activity[statement.int64(at: 3), default: Activity()].countImpersonating(at: time)
            }
        }
        return activity
    }

    private static func write(
        _ chain: IdentityChain, identityID: Int64, activity: Activity?, resolution: SQLiteStatement,
        link: SQLiteStatement
    ) throws {
        let principalLink = chain.links.first { $0.kind == .iamRole || $0.kind == .iamUser }
        let personLink = chain.links.first { $0.kind == .person }
        let session = chain.value(.sessionName)
        resolution.reset()
        resolution.bind(identityID, at: 1)
        resolution.bind(chain.status.rawValue, at: 2)
        resolution.bind(chain.reason, at: 3)
        resolution.bind(personLink?.value, at: 4)
        resolution.bind(principalLink?.value, at: 5)
        resolution.bind(chain.value(.account), at: 6)
        resolution.bind(chain.value(.permissionSet), at: 7)
        resolution.bind(session, at: 8)
        resolution.bind(session.map { SessionNameClassifier.classify($0).rawValue }, at: 9)
        resolution.bind(principalLink?.source.rawValue, at: 10)
        resolution.bind(chain.value(.accessKeyID), at: 11)
        resolution.bind(personLink?.source.rawValue, at: 12)
        resolution.bind(activity?.firstSeen?.microseconds, at: 13)
        resolution.bind(activity?.lastSeen?.microseconds, at: 14)
        resolution.bind(activity?.requests ?? 0, at: 15)
        resolution.bind(activity?.forbidden ?? 0, at: 16)
        resolution.bind(activity?.impersonating ?? 0, at: 17)
        try resolution.run()

        for (position, item) in chain.links.enumerated() {
            link.reset()
            link.bind(identityID, at: 1)
            link.bind(Int64(position), at: 2)
            link.bind(item.kind.rawValue, at: 3)
            link.bind(item.value, at: 4)
            link.bind(item.source.rawValue, at: 5)
            link.bind((item.observedAt ?? activity?.firstSeen)?.microseconds, at: 6)
            try link.run()
        }
    }

    /// Rebuilds a `UserInfo` from its stored columns (groups and extra are JSON text).
    static func decodeUser(username: String, uid: String?, groups: String, extra: String) throws -> UserInfo {
        var object = "{\"username\":" + JSONText.quoted(username)
        if let uid {
            object += ",\"uid\":" + JSONText.quoted(uid)
        }
        object += ",\"groups\":" + groups + ",\"extra\":" + extra + "}"
        let bytes = Array(object.utf8)
        return try bytes.withUnsafeBytes { try UserInfoDecoder.decode($0) }
    }

    /// Every stored mapping document in the order it was stored, with its kind and time.
    static func loadMappingVersions(_ connection: SQLiteConnection) throws -> [MappingHistory.Version] {
        let statement = try connection.prepare(
            """
            SELECT d.id, d.kind, d.effective_at, e.kind, e.arn, e.username_template, e.groups, e.user_id,
                   e.sso_permission_set, e.sso_account_id, e.sso_partition
            FROM mapping_documents d LEFT JOIN mapping_entries e ON e.document_id = d.id
            ORDER BY d.id, e.position
            """)
        var versions: [MappingHistory.Version] = []
        var currentDocument: Int64?
        while try statement.step() {
            let document = statement.int64(at: 0)
            if document != currentDocument {
                let effectiveAt = statement.isNull(at: 2) ? nil : Timestamp(microseconds: statement.int64(at: 2))
                versions.append(
                    MappingHistory.Version(kind: statement.text(at: 1) ?? "", effectiveAt: effectiveAt, mapping: AwsAuthMapping()))
                currentDocument = document
            }
            let groups = try decodeGroups(statement.text(at: 6))
            let username = statement.text(at: 5) ?? ""
            let last = versions.count - 1
            switch statement.text(at: 3) {
            case "role":
                var role = RoleMapping(roleARN: statement.text(at: 4), username: username, groups: groups)
                role.userID = statement.text(at: 7)
                role.ssoPermissionSetName = statement.text(at: 8)
                role.ssoAccountID = statement.text(at: 9)
                role.ssoPartition = statement.text(at: 10)
                versions[last].mapping.roles.append(role)
            case "user":
                var user = UserMapping(userARN: statement.text(at: 4) ?? "", username: username, groups: groups)
                user.userID = statement.text(at: 7)
                versions[last].mapping.users.append(user)
            case "account":
                if let account = statement.text(at: 4) {
                    versions[last].mapping.accounts.append(account)
                }
            default:
                continue
            }
        }
        return versions
    }

    static func decodeGroups(_ text: String?) throws -> [String] {
        guard let text else { return [] }
        return try decodeUser(username: "", uid: nil, groups: text, extra: "{}").groups
    }

    /// Builds the authenticator index from the stored lines, reading them one row at a time: a store
    /// can hold millions of lines, and the index keeps only one entry per identity.
    static func loadAuthenticatorIndex(_ connection: SQLiteConnection) throws -> AuthenticatorIndex {
        let rows = try StoredAuthenticatorRecords(connection)
        let index = AuthenticatorIndex(records: rows)
        if let failure = rows.failure {
            throw failure
        }
        return index
    }
}
