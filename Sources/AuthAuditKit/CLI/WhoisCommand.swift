/// `authaudit whois`: the resolution chain of a Kubernetes username, IAM ARN, person or session.
enum WhoisCommand: Command {
    static let spec = CommandSpec(
        name: "whois",
        abstract: "Show who is behind a Kubernetes username, IAM ARN, person or session, link by link.",
        discussion: """
            NAME is matched against Kubernetes usernames; IAM role and user ARNs in any case, with or
            without a path (an assumed-role ARN with a session selects that session); the people that
            identities resolved to (directory user names, e-mail addresses, session names); and the
            access key ids of logged sessions. Each identity found is printed with every link of its chain, the source
            of the link (user.extra, authenticator log, aws-auth template, CloudTrail, directory, ...)
            and when that source recorded it.
            """,
        options: [CommonOptions.format] + CommonOptions.all,
        positionals: [PositionalSpec("NAME", help: "A username, ARN, person, session name or access key id.")])

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
        let reports = try ReportContext(arguments: arguments, context: context)
        let name = arguments.positionals[0]
        let identities = try WhoisLookup(connection: reports.connection).identities(matching: name)
        guard !identities.isEmpty else {
            Console.error("authaudit: no identity in the store matches '\(name)'; try 'authaudit report identities'")
            return .failure
        }
        switch reports.format {
        case .table, .markdown:
            Console.out(identities.map(WhoisText.render).joined(separator: "\n"))
        case .json, .csv, .html:
            var writer = ResultWriter(format: reports.format, output: StandardOutputStream())
            writer.begin(columns: [
                "username", "person", "resolution", "reason", "requests", "forbidden", "sent_as_others", "position",
                "kind", "value", "source", "observed_at",
            ])
            for identity in identities {
                for (position, link) in identity.links.enumerated() {
                    writer.append(row: [
                        .text(identity.username), identity.person.map(SQLiteValue.text) ?? .null, .text(identity.status),
                        identity.reason.map(SQLiteValue.text) ?? .null, .integer(identity.requests),
                        .integer(identity.forbidden), .integer(identity.sentAsOthers),
                        .integer(Int64(position)), .text(link.kind), .text(link.value), .text(link.source),
                        link.observedAt.map { .text(TimestampFormatter.format($0)) } ?? .null,
                    ])
                }
            }
            writer.end()
        }
        return .success
    }
}

/// One identity and its chain, as read back from the store.
struct WhoisIdentity {
    struct Link {
        var kind: String
        var value: String
        var source: String
        var observedAt: Timestamp?
    }

    var username: String
    var uid: String?
    var groups: String
    var status: String
    var reason: String?
    var person: String?
    var requests: Int64
    var forbidden: Int64
    /// Requests this identity sent as another user, by impersonation.
    var sentAsOthers: Int64
    var firstSeen: Timestamp?
    var lastSeen: Timestamp?
    var links: [Link]
}

/// Finds identities by any name a user may know them by.
struct WhoisLookup {
    let connection: SQLiteConnection

    func identities(matching name: String) throws -> [WhoisIdentity] {
        // An ARN is compared in its canonical form without a path, as the authenticator does; an
        // assumed-role ARN with a session names that one session.
        let arn = ARN(name)
        let canonical = arn.flatMap { try? $0.canonical().strippingRolePath().description } ?? name
        let session = (arn?.isAssumedRole ?? false) ? arn?.sessionName : nil
        let statement = try connection.prepare(
            """
            SELECT DISTINCT i.id, u.name, i.uid, i.groups, r.status, r.reason, r.person, r.requests, r.forbidden,
                   r.first_seen, r.last_seen, r.impersonating
            FROM identities i
            JOIN usernames u ON u.id = i.username_id
            JOIN identity_resolutions r ON r.identity_id = i.id
            LEFT JOIN identity_links l ON l.identity_id = i.id
            WHERE u.name = :name
               OR (r.iam_arn = :canonical COLLATE NOCASE AND (:session IS NULL OR r.session_name = :session))
               OR r.person = :name COLLATE NOCASE
               OR r.session_name = :name
               OR r.access_key_id = :name
               OR (l.kind IN ('person', 'directory_entry', 'session_name', 'access_key_id') AND l.value = :name COLLATE NOCASE)
            ORDER BY r.first_seen, u.name
            LIMIT 100
            """)
        if let index = statement.parameterIndex(":name") { statement.bind(name, at: index) }
        if let index = statement.parameterIndex(":canonical") { statement.bind(canonical, at: index) }
        if let index = statement.parameterIndex(":session") { statement.bind(session, at: index) }
        var identities: [WhoisIdentity] = []
        while try statement.step() {
            identities.append(
                WhoisIdentity(
                    username: statement.text(at: 1) ?? "", uid: statement.text(at: 2),
                    groups: statement.text(at: 3) ?? "[]", status: statement.text(at: 4) ?? "",
                    reason: statement.text(at: 5), person: statement.text(at: 6), requests: statement.int64(at: 7),
                    forbidden: statement.int64(at: 8), sentAsOthers: statement.int64(at: 11),
                    firstSeen: time(statement, 9), lastSeen: time(statement, 10),
                    links: try links(of: statement.int64(at: 0))))
        }
        return identities
    }

    private func links(of identity: Int64) throws -> [WhoisIdentity.Link] {
        let statement = try connection.prepare(
            "SELECT kind, value, source, observed_at FROM identity_links WHERE identity_id = ? ORDER BY position")
        statement.bind(identity, at: 1)
        var links: [WhoisIdentity.Link] = []
        while try statement.step() {
            links.append(
                WhoisIdentity.Link(
                    kind: statement.text(at: 0) ?? "", value: statement.text(at: 1) ?? "",
                    source: statement.text(at: 2) ?? "", observedAt: time(statement, 3)))
        }
        return links
    }

    private func time(_ statement: SQLiteStatement, _ column: Int32) -> Timestamp? {
        statement.isNull(at: column) ? nil : Timestamp(microseconds: statement.int64(at: column))
    }
}

/// The text form of `whois`: one block per identity, one line per link.
enum WhoisText {
    static func render(_ identity: WhoisIdentity) -> String {
        var lines = ["Kubernetes user \(identity.username)"]
        if let uid = identity.uid { lines.append("  uid          \(uid)") }
        lines.append("  groups       \(identity.groups)")
        var seen = "\(identity.requests) " + (identity.requests == 1 ? "request" : "requests")
        seen += ", \(identity.forbidden) forbidden"
        if identity.sentAsOthers > 0 {
            seen += ", \(identity.sentAsOthers) sent as other users"
        }
        if let first = identity.firstSeen, let last = identity.lastSeen {
            seen += ", \(TimestampFormatter.format(first)) to \(TimestampFormatter.format(last))"
        }
        lines.append("  seen         \(seen)")
        lines.append("  person       \(identity.person ?? "unknown")")
        lines.append("  resolution   \(identity.status)" + (identity.reason.map { ": \($0)" } ?? ""))
        if !identity.links.isEmpty {
            lines.append("  chain:")
            let kindWidth = identity.links.map(\.kind.count).max() ?? 0
            let valueWidth = min(80, identity.links.map(\.value.count).max() ?? 0)
            for link in identity.links {
                var line = "    " + link.kind.padding(kindWidth) + "  " + link.value.padding(valueWidth)
                line += "  from \(link.source)"
                if let time = link.observedAt { line += ", \(TimestampFormatter.format(time))" }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
