/// Builds least-privilege suggestions from one person's requests, for `report least-privilege --user`.
///
/// The person is the directory person an identity resolved to; identities without one count under their
/// Kubernetes username. The suggested bindings name the Kubernetes groups whose Group grants allowed the
/// requests, never the username, because aws-auth renders a new username per session. Groups that start
/// with `system:` (such as `system:authenticated`) are left out: binding one person's needs to them would
/// hand those needs to everyone in the group.
enum PersonSuggestionWriter {
    private struct Usage {
        var kind: String
        var groups: Set<String> = []
        var grantIDs: Set<Int64> = []
        var requests: Set<RBACUsageAnalysis.UsedRequestKey> = []
    }

    static func write(_ connection: SQLiteConnection) throws {
        let statement = try connection.prepare(
            """
            SELECT coalesce(res.person, u.name), res.person IS NOT NULL, g.subject_name, g.id,
                   rg.verb, rg.api_group, rg.resource, rg.namespace
            FROM rbac_request_grants rg
            JOIN rbac_grants g ON g.id = rg.grant_id
            JOIN identities i ON i.id = rg.identity_id
            JOIN usernames u ON u.id = i.username_id
            LEFT JOIN identity_resolutions res ON res.identity_id = rg.identity_id
            WHERE g.subject_kind = 'Group' AND g.subject_name NOT LIKE 'system:%'
            """)
        var usage: [String: Usage] = [:]
        while try statement.step() {
            let person = statement.text(at: 0) ?? ""
            var entry = usage[person] ?? Usage(kind: statement.int64(at: 1) == 1 ? "person" : "username")
            entry.groups.insert(statement.text(at: 2) ?? "")
            entry.grantIDs.insert(statement.int64(at: 3))
            entry.requests.insert(
                RBACUsageAnalysis.UsedRequestKey(
                    verb: statement.text(at: 4) ?? "", apiGroup: statement.text(at: 5) ?? "",
                    resource: statement.text(at: 6) ?? "", namespace: statement.text(at: 7) ?? ""))
            usage[person] = entry
        }

        let granted = try connection.prepare(
            """
            SELECT count(*) FROM rbac_grants
            WHERE subject_kind = 'Group' AND subject_name IN (SELECT value FROM json_each(?))
            """)
        let insert = try connection.prepare(
            """
            INSERT INTO rbac_person_suggestions (
                person, kind, groups, granted_rules, used_rules, suggested_rules, manifest)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (person, entry) in usage.sorted(by: { $0.key < $1.key }) {
            let groups = entry.groups.sorted()
            let requests = entry.requests.sorted {
                ($0.namespace, $0.apiGroup, $0.resource, $0.verb) < ($1.namespace, $1.apiGroup, $1.resource, $1.verb)
            }
            let policy = LeastPrivilegePolicy(
                name: RBACUsageAnalysis.suggestedName(person), groups: groups, used: requests.map(\.usedRequest))
            granted.reset()
            granted.bind(JSONText.array(groups), at: 1)
            _ = try granted.step()
            insert.reset()
            insert.bind(person, at: 1)
            insert.bind(entry.kind, at: 2)
            insert.bind(JSONText.array(groups), at: 3)
            insert.bind(granted.int64(at: 0), at: 4)
            insert.bind(Int64(entry.grantIDs.count), at: 5)
            insert.bind(Int64(policy.roles.reduce(0) { $0 + $1.rules.count }), at: 6)
            insert.bind(policy.manifest, at: 7)
            granted.reset()
            try insert.run()
        }
    }
}
