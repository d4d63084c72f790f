import Foundation

/// Matches every allowed request against every RBAC grant that allows it and stores the result,
/// so reports can list grants nobody used and rules that can never match.
///
/// The apiserver's audit reason names only the first grant it found; this finds all of them.
/// Requests of `system:masters` members are allowed before RBAC is asked, so they use no grant.
enum RBACUsageAnalysis {
    /// One distinct allowed request shape: who, what and where, with how often and when it was last made.
    ///
    /// The columns are those that `queries/unused-grants.sql` groups a window's requests by before it
    /// joins `rbac_request_grants`, so both sides must keep the same expressions.
    private struct RequestShape {
        var key: ShapeKey
        var requests: Int64
        var lastUsed: Int64?
    }

    private struct ShapeKey: Hashable {
        var identity: Int64
        var verb: Int64
        var resource: Int64?
        var namespace: Int64?
        var name: String?
        var path: String?
    }

    private struct Tally {
        var requests: Int64 = 0
        var lastUsed: Int64?
    }

    static func run(store: AuditStore) throws {
        let connection = store.connection
        let policy = try loadPolicy(connection)
        try connection.transaction {
            try connection.execute(
                """
                DELETE FROM rbac_request_grants; DELETE FROM rbac_grant_usage; DELETE FROM rbac_grants;
                DELETE FROM rbac_suggestions; DELETE FROM rbac_person_suggestions; DELETE FROM directory_access;
                """)
            try DirectoryAccessWriter.write(ReferenceDocuments.load(from: store), connection: connection)
            guard !policy.bindings.isEmpty else { return }
            let grantIDs = try writeGrants(policy, known: try knownResources(connection), connection: connection)
            let shapes = try distinctRequestShapes(connection)
            try writeUsage(shapes, grantIDs: grantIDs, policy: policy, connection: connection)
            try writeSuggestions(connection)
            try PersonSuggestionWriter.write(connection)
        }
    }

    /// Suggests, for each Group subject, the roles that allow exactly the requests its grants allowed.
    /// Groups are what aws-auth maps IAM roles to, so suggestions never name per-session users.
    private static func writeSuggestions(_ connection: SQLiteConnection) throws {
        let statement = try connection.prepare(
            """
            SELECT g.subject_name, u.verb, u.api_group, u.resource, u.namespace
            FROM rbac_grant_usage u JOIN rbac_grants g ON g.id = u.grant_id
            WHERE g.subject_kind = 'Group' ORDER BY g.subject_name
            """)
        var used: [String: Set<UsedRequestKey>] = [:]
        while try statement.step() {
            let key = UsedRequestKey(
                verb: statement.text(at: 1) ?? "", apiGroup: statement.text(at: 2) ?? "",
                resource: statement.text(at: 3) ?? "", namespace: statement.text(at: 4) ?? "")
            used[statement.text(at: 0) ?? "", default: []].insert(key)
        }
        let counts = try connection.prepare(
            """
            SELECT count(*), sum(requests > 0) FROM rbac_grants WHERE subject_kind = 'Group' AND subject_name = ?
            """)
        let insert = try connection.prepare(
            """
            INSERT INTO rbac_suggestions (subject, granted_rules, used_rules, suggested_rules, manifest)
            VALUES (?, ?, ?, ?, ?)
            """)
        for (group, keys) in used.sorted(by: { $0.key < $1.key }) {
            let requests = keys.sorted { ($0.namespace, $0.apiGroup, $0.resource, $0.verb) < ($1.namespace, $1.apiGroup, $1.resource, $1.verb) }
                .map(\.usedRequest)
            let policy = LeastPrivilegePolicy(name: suggestedName(group), groups: [group], used: requests)
            counts.reset()
            counts.bind(group, at: 1)
            _ = try counts.step()
            insert.reset()
            insert.bind(group, at: 1)
            insert.bind(counts.int64(at: 0), at: 2)
            insert.bind(counts.int64(at: 1), at: 3)
            insert.bind(Int64(policy.roles.reduce(0) { $0 + $1.rules.count }), at: 4)
            insert.bind(policy.manifest, at: 5)
            counts.reset()
            try insert.run()
        }
    }

    /// Makes a role name from a group name: lower case, with characters Kubernetes names cannot contain as `-`.
    static func suggestedName(_ group: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-.")
        let name = String(group.lowercased().map { allowed.contains($0) ? $0 : "-" })
        return "least-privilege-" + name.trimmingCharacters(in: CharacterSet(charactersIn: "-."))
    }

    /// A used (verb, group, resource, namespace) tuple; `resource` is `resource/subresource` or a path.
    struct UsedRequestKey: Hashable {
        var verb: String
        var apiGroup: String
        var resource: String
        var namespace: String

        var usedRequest: UsedRequest {
            if resource.hasPrefix("/") {
                return .nonResource(verb: verb, path: resource)
            }
            let parts = resource.split(separator: "/", maxSplits: 1).map(String.init)
            return .resource(
                verb: verb, apiGroup: apiGroup, resource: parts[0], subresource: parts.count > 1 ? parts[1] : "",
                namespace: namespace)
        }
    }

    private static func loadPolicy(_ connection: SQLiteConnection) throws -> RBACPolicy {
        let statement = try connection.prepare("SELECT object FROM rbac_objects ORDER BY id")
        var documents: [DocumentNode] = []
        while try statement.step() {
            guard let text = statement.text(at: 0) else { continue }
            documents += (try? DocumentParser.parse(Array(text.utf8))) ?? []
        }
        return RBACPolicy(objects: RBACObjectParser.parse(documents: documents).objects)
    }

    /// Writes one row per binding, subject and rule; returns their ids.
    /// Returns the built-in API resources plus every resource with a successful request in the
    /// audit log, which adds custom resources.
    private static func knownResources(_ connection: SQLiteConnection) throws -> KnownResources {
        var known = KnownResources.builtIn
        let statement = try connection.prepare(
            """
            SELECT DISTINCT res.api_group, res.resource FROM resources res
            WHERE EXISTS (SELECT 1 FROM requests r WHERE r.resource_id = res.id AND r.code BETWEEN 200 AND 299)
            """)
        while try statement.step() {
            known = known.adding(group: statement.text(at: 0) ?? "", resource: statement.text(at: 1) ?? "")
        }
        return known
    }

    private static func writeGrants(
        _ policy: RBACPolicy, known: KnownResources, connection: SQLiteConnection
    ) throws -> [RBACGrantMatcher.Grant: Int64] {
        let insert = try connection.prepare(
            """
            INSERT INTO rbac_grants (
                binding_kind, binding_namespace, binding_name, subject_kind, subject_name, subject_namespace,
                role_kind, role_name, rule_index, verbs, api_groups, resources, resource_names, non_resource_urls,
                dead_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var ids: [RBACGrantMatcher.Grant: Int64] = [:]
        for (bindingIndex, binding) in policy.bindings.enumerated() {
            let rules = policy.rules(of: binding.roleRef, bindingNamespace: binding.namespace)
            let subjects: [RBACSubject?] = binding.subjects.isEmpty ? [nil] : binding.subjects
            for (subjectIndex, subject) in subjects.enumerated() {
                let ruleList: [PolicyRule?] = rules.map { $0.map(Optional.some) } ?? [nil]
                for (ruleIndex, rule) in ruleList.enumerated() {
                    insert.reset()
                    insert.bind(binding.kind.rawValue, at: 1)
                    insert.bind(binding.namespace, at: 2)
                    insert.bind(binding.name, at: 3)
                    insert.bind(subject?.kind.rawValue, at: 4)
                    insert.bind(subject?.name, at: 5)
                    insert.bind(subject?.namespace, at: 6)
                    insert.bind(binding.roleRef.kind.rawValue, at: 7)
                    insert.bind(binding.roleRef.name, at: 8)
                    if let rule {
                        insert.bind(Int64(ruleIndex), at: 9)
                        insert.bind(rule.verbs.joined(separator: ","), at: 10)
                        insert.bind(rule.apiGroups.joined(separator: ","), at: 11)
                        insert.bind(rule.resources.joined(separator: ","), at: 12)
                        insert.bind(rule.resourceNames.joined(separator: ","), at: 13)
                        insert.bind(rule.nonResourceURLs.joined(separator: ","), at: 14)
                        insert.bind(DeadRuleText.describe(rule, known: known), at: 15)
                    } else {
                        insert.bind("\(binding.roleRef.kind.rawValue) \(binding.roleRef.name) does not exist", at: 15)
                    }
                    try insert.run()
                    if rule != nil, subject != nil {
                        let grant = RBACGrantMatcher.Grant(
                            binding: bindingIndex, subjectIndex: subjectIndex, ruleIndex: ruleIndex)
                        ids[grant] = connection.lastInsertRowID
                    }
                }
            }
        }
        return ids
    }

    /// Returns the distinct allowed request shapes with their counts, from one pass over the requests.
    ///
    /// The rows are aggregated here rather than with GROUP BY, because SQLite would sort every request to
    /// group them: on the 1,000,000-line gen-audit corpus (535,920 requests, 42,405 shapes) the GROUP BY
    /// took 1.6 s and this pass about 0.2 s of CPU (docs/BENCHMARKS.md).
    private static func distinctRequestShapes(_ connection: SQLiteConnection) throws -> [RequestShape] {
        let statement = try connection.prepare(
            """
            SELECT coalesce(impersonated_identity_id, identity_id), verb_id, resource_id, namespace_id, object_name,
                   CASE WHEN resource_id IS NULL THEN request_path END, received_at
            FROM requests
            WHERE (identity_id IS NOT NULL OR impersonated_identity_id IS NOT NULL) AND verb_id IS NOT NULL
              AND (decision = 1 OR (decision IS NULL AND code BETWEEN 100 AND 399))
            """)
        var positions: [ShapeKey: Int] = [:]
        var shapes: [RequestShape] = []
        while try statement.step() {
            let key = ShapeKey(
                identity: statement.int64(at: 0), verb: statement.int64(at: 1),
                resource: statement.isNull(at: 2) ? nil : statement.int64(at: 2),
                namespace: statement.isNull(at: 3) ? nil : statement.int64(at: 3),
                name: statement.text(at: 4), path: statement.text(at: 5))
            let time = statement.isNull(at: 6) ? nil : statement.int64(at: 6)
            guard let position = positions[key] else {
                positions[key] = shapes.count
                shapes.append(RequestShape(key: key, requests: 1, lastUsed: time))
                continue
            }
            shapes[position].requests += 1
            if let time {
                shapes[position].lastUsed = max(shapes[position].lastUsed ?? time, time)
            }
        }
        return shapes
    }

    /// Stores which grants allow each shape (`rbac_request_grants`) and the totals of each grant.
    private static func writeUsage(
        _ shapes: [RequestShape], grantIDs: [RBACGrantMatcher.Grant: Int64], policy: RBACPolicy,
        connection: SQLiteConnection
    ) throws {
        let names = try DimensionNames(connection)
        let insertShape = try connection.prepare(
            """
            INSERT INTO rbac_request_grants (
                identity_id, verb_id, resource_id, namespace_id, object_name, request_path, grant_id,
                verb, api_group, resource, namespace)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let matcher = RBACGrantMatcher(policy: policy)
        var candidates: [Int64: [RBACGrantMatcher.Candidate]] = [:]
        var usage: [Int64: [UsageKey: Tally]] = [:]
        for shape in shapes {
            let key = shape.key
            let tally = Tally(requests: shape.requests, lastUsed: shape.lastUsed)
            guard let user = names.identities[key.identity], let verb = names.verbs[key.verb] else { continue }
            let attributes: RequestAttributes
            let usageKey: UsageKey
            if let resourceID = key.resource, let resource = names.resources[resourceID] {
                let namespace = key.namespace.flatMap { names.namespaces[$0] } ?? ""
                attributes = .resource(
                    user: user.username, groups: user.groups, verb: verb, apiGroup: resource.group,
                    resource: resource.resource, subresource: resource.subresource, namespace: namespace,
                    name: key.name ?? "")
                usageKey = UsageKey(
                    verb: verb, apiGroup: resource.group, resource: attributes.combinedResource, namespace: namespace)
            } else {
                let path = pathWithoutQuery(key.path ?? "")
                attributes = .nonResource(user: user.username, groups: user.groups, verb: verb, path: path)
                usageKey = UsageKey(verb: verb, apiGroup: "", resource: path, namespace: "")
            }
            let identityCandidates =
                candidates[key.identity] ?? matcher.candidates(user: user.username, groups: user.groups)
            candidates[key.identity] = identityCandidates
            for grant in matcher.grants(for: attributes, candidates: identityCandidates) {
                guard let id = grantIDs[grant] else { continue }
                insertShape.reset()
                insertShape.bind(key.identity, at: 1)
                insertShape.bind(key.verb, at: 2)
                insertShape.bind(key.resource, at: 3)
                insertShape.bind(key.namespace, at: 4)
                insertShape.bind(key.name, at: 5)
                insertShape.bind(key.path, at: 6)
                insertShape.bind(id, at: 7)
                insertShape.bind(usageKey.verb, at: 8)
                insertShape.bind(usageKey.apiGroup, at: 9)
                insertShape.bind(usageKey.resource, at: 10)
                insertShape.bind(usageKey.namespace, at: 11)
                try insertShape.run()
                var entry = usage[id, default: [:]][usageKey] ?? Tally()
                entry.requests += tally.requests
                entry.lastUsed = max(entry.lastUsed ?? Int64.min, tally.lastUsed ?? Int64.min)
                usage[id, default: [:]][usageKey] = entry
            }
        }

        let insert = try connection.prepare(
            """
            INSERT INTO rbac_grant_usage (grant_id, verb, api_group, resource, namespace, requests, last_used_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let update = try connection.prepare(
            "UPDATE rbac_grants SET requests = ?, last_used_at = ?, unused_verbs = ?, unused_resources = ? WHERE id = ?")
        let rules = try loadRules(connection)
        for (id, entries) in usage {
            var total: Int64 = 0
            var last: Int64?
            for (key, tally) in entries {
                insert.reset()
                insert.bind(id, at: 1)
                insert.bind(key.verb, at: 2)
                insert.bind(key.apiGroup, at: 3)
                insert.bind(key.resource, at: 4)
                insert.bind(key.namespace, at: 5)
                insert.bind(tally.requests, at: 6)
                insert.bind(tally.lastUsed == Int64.min ? nil : tally.lastUsed, at: 7)
                try insert.run()
                total += tally.requests
                if let used = tally.lastUsed, used != Int64.min { last = max(last ?? used, used) }
            }
            let rule = rules[id]
            let usedVerbs = Set(entries.keys.map(\.verb))
            let usedResources = Set(entries.keys.map(\.resource))
            update.reset()
            update.bind(total, at: 1)
            update.bind(last, at: 2)
            update.bind(rule.map { unused($0.verbs, used: usedVerbs) }, at: 3)
            update.bind(rule.map { unused($0.resources, used: usedResources) }, at: 4)
            update.bind(id, at: 5)
            try update.run()
        }
    }

    private struct UsageKey: Hashable {
        var verb: String
        var apiGroup: String
        var resource: String
        var namespace: String
    }

    /// Returns the listed names that no request used, comma-separated. Wildcards are left out,
    /// because the least-privilege report narrows them instead.
    private static func unused(_ listed: [String], used: Set<String>) -> String {
        listed.filter { $0 != "*" && !used.contains($0) }.joined(separator: ",")
    }

    private static func loadRules(_ connection: SQLiteConnection) throws -> [Int64: (verbs: [String], resources: [String])] {
        let statement = try connection.prepare(
            "SELECT id, verbs, coalesce(nullif(resources, ''), non_resource_urls) FROM rbac_grants WHERE rule_index IS NOT NULL")
        var rules: [Int64: (verbs: [String], resources: [String])] = [:]
        while try statement.step() {
            let split = { (text: String?) in (text ?? "").split(separator: ",").map(String.init) }
            rules[statement.int64(at: 0)] = (split(statement.text(at: 1)), split(statement.text(at: 2)))
        }
        return rules
    }

    private static func pathWithoutQuery(_ uri: String) -> String {
        String(uri.prefix { $0 != "?" })
    }
}
