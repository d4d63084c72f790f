/// A table of the resources in each API group, used to find rule entries that no request can ever match.
///
/// The built-in groups are closed: a resource they do not list does not exist. Groups learned at runtime
/// (custom resources and aggregated APIs seen in audit logs) are open, because a log shows only the
/// resources someone used. A name missing from an open group is reported only when it looks like a
/// singular or differently cased form of a known name.
public struct KnownResources: Sendable {
    struct Group: Sendable {
        /// Resource name to its known subresources.
        var resources: [String: Set<String>] = [:]
        var isClosed: Bool
    }

    private(set) var groups: [String: Group]
    /// Verbs that some request can carry; a rule verb outside this set never matches.
    public private(set) var resourceVerbs: Set<String>
    public let nonResourceVerbs: Set<String>

    /// Resources whose subresource is free text: impersonating a user extra checks `userextras/<key>`.
    static let freeSubresources: Set<String> = ["authentication.k8s.io/userextras"]

    /// Subresources that authorization checks on every resource. The `OwnerReferencesPermissionEnforcement`
    /// admission plugin requires `update` on `<resource>/finalizers` before it lets a request set
    /// `blockOwnerDeletion`.
    static let universalSubresources: Set<String> = ["finalizers"]

    /// The built-in API groups of kube-apiserver and `metrics.k8s.io`.
    public static let builtIn: KnownResources = {
        var groups: [String: Group] = [:]
        for (name, list) in builtInTable {
            var group = Group(isClosed: true)
            for entry in list.split(whereSeparator: \.isWhitespace) {
                group.add(String(entry))
            }
            groups[name] = group
        }
        return KnownResources(
            groups: groups, resourceVerbs: builtInResourceVerbs, nonResourceVerbs: builtInNonResourceVerbs)
    }()

    private init(groups: [String: Group], resourceVerbs: Set<String>, nonResourceVerbs: Set<String>) {
        self.groups = groups
        self.resourceVerbs = resourceVerbs
        self.nonResourceVerbs = nonResourceVerbs
    }

    /// Returns a copy that also contains `resource` (or `resource/subresource`) in `group`.
    public func adding(group: String, resource: String) -> KnownResources {
        var copy = self
        copy.groups[group, default: Group(isClosed: false)].add(resource)
        return copy
    }

    /// Returns a copy that accepts a verb that an extension authorizer or webhook checks.
    public func adding(verb: String) -> KnownResources {
        var copy = self
        copy.resourceVerbs.insert(verb)
        return copy
    }

    public func isKnown(group: String) -> Bool { groups[group] != nil }

    /// Returns whether a `resource` or `resource/subresource` exists in `group`.
    public func contains(group: String, resource combined: String) -> Bool {
        let (resource, subresource) = Self.split(combined)
        guard let subresources = groups[group]?.resources[resource] else { return false }
        guard let subresource else { return true }
        return subresources.contains(subresource) || Self.universalSubresources.contains(subresource)
            || Self.freeSubresources.contains(group + "/" + resource)
    }

    /// Returns the known groups that contain `resource` (or `resource/subresource`), sorted.
    public func groups(containing resource: String) -> [String] {
        groups.keys.filter { contains(group: $0, resource: resource) }.sorted()
    }

    static func split(_ combined: String) -> (resource: String, subresource: String?) {
        guard let slash = combined.firstIndex(of: "/") else { return (combined, nil) }
        return (String(combined[..<slash]), String(combined[combined.index(after: slash)...]))
    }
}

extension KnownResources.Group {
    mutating func add(_ combined: String) {
        let (resource, subresource) = KnownResources.split(combined)
        var subresources = resources[resource, default: []]
        if let subresource { subresources.insert(subresource) }
        resources[resource] = subresources
    }
}
