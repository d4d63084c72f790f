/// Resolves the user of each printed request to the IAM principal and person behind it, with the mappings,
/// authenticator lines, CloudTrail records, directory exports and SSO assignments in the store.
///
/// It uses the parts `IdentityResolution` uses for the whole store (`MappingHistory`, `AuthenticatorIndex`,
/// `ChainEnrichment`), loaded once and again on `reload`, so a printed line names the same person that the
/// reports name.
///
/// NOTE: authenticator lines and aws-auth updates read while tailing reach the resolver only at the next
/// `reload` (SIGHUP), so until then a user resolved through them alone prints as partially resolved.
final class TailIdentityLookup {
    private var history = MappingHistory(versions: [])
    private var index = AuthenticatorIndex(records: [])
    private var enrichment = ChainEnrichment(roleSessions: nil, directory: nil, assignments: nil)
    private var resolvers: [[AwsAuthMapping]: IdentityResolver] = [:]
    /// Chains by the `user` object's bytes; used only while the mappings do not depend on the time.
    private var cache: [[UInt8]: IdentityChain] = [:]
    private static let maximumCachedUsers = 10_000

    init(store: AuditStore) throws {
        try reload(store: store)
    }

    /// Loads the mappings and reference documents from the store again, and clears the cached chains.
    func reload(store: AuditStore) throws {
        let references = try ReferenceDocuments.load(from: store)
        let versions = try Self.latestPerPath(IdentityResolution.loadMappingVersions(store.connection), store: store)
        history = MappingHistory(versions: versions + references.accessEntryVersions)
        index = try IdentityResolution.loadAuthenticatorIndex(store.connection)
        let assumptions = try store.roleAssumptions()
        enrichment = ChainEnrichment(
            roleSessions: assumptions.isEmpty ? nil : RoleSessionResolver(assumptions: assumptions),
            directory: references.directory, assignments: references.assignments)
        resolvers = [:]
        cache = [:]
    }

    /// Returns the identity chain of `user`, whose JSON object is `userBytes`, for a request at `time`.
    func resolve(_ user: UserInfo, userBytes: [UInt8], at time: Timestamp?) -> (chain: IdentityChain, groups: [String])
    {
        let isCacheable = !history.isTimeDependent
        if isCacheable, let chain = cache[userBytes] {
            return (chain, Self.directoryGroups(chain))
        }
        let mappings = history.mappings(at: time)
        let resolver = resolvers[mappings] ?? IdentityResolver(mappings: mappings, index: index)
        resolvers[mappings] = resolver
        var chain = resolver.resolve(user)
        _ = enrichment.enrich(&chain, firstSeen: time)
        if isCacheable {
            if cache.count >= Self.maximumCachedUsers {
                cache.removeAll(keepingCapacity: true)
            }
            cache[userBytes] = chain
        }
        return (chain, Self.directoryGroups(chain))
    }

    /// Drops each undated mapping version that a later undated version of the same kind, read from the same
    /// path, replaces. Without a time in the file, reading an edited aws-auth file again (SIGHUP) would
    /// otherwise merge the old entries with the new ones, as `ingest` does for separate files.
    ///
    /// NOTE: content identical to an earlier version is stored once, so editing a file back to an earlier
    /// content keeps the later version in effect.
    private static func latestPerPath(_ versions: [MappingHistory.Version], store: AuditStore) throws
        -> [MappingHistory.Version]
    {
        let statement = try store.connection.prepare(
            "SELECT coalesce(s.path, '') FROM mapping_documents d LEFT JOIN sources s ON s.id = d.source_id ORDER BY d.id")
        var paths: [String] = []
        while try statement.step() {
            paths.append(statement.text(at: 0) ?? "")
        }
        // `loadMappingVersions` returns one version per document, in document id order.
        guard paths.count == versions.count else { return versions }
        var seen: Set<String> = []
        var latest: [MappingHistory.Version] = []
        for (version, path) in zip(versions, paths).reversed() {
            if version.effectiveAt == nil && !path.isEmpty && !seen.insert(version.kind + "\u{0}" + path).inserted {
                continue
            }
            latest.append(version)
        }
        return latest.reversed()
    }

    private static func directoryGroups(_ chain: IdentityChain) -> [String] {
        chain.links.filter { $0.kind == .directoryGroup }.map(\.value)
    }
}
