/// Rule evaluation, following `RuleAllows` in kubernetes `plugin/pkg/auth/authorizer/rbac/rbac.go` and the
/// helpers in `pkg/apis/rbac/v1/evaluation_helpers.go`.
extension PolicyRule {
    /// Returns whether this rule alone allows the request.
    ///
    /// A resource request needs the verb, the API group, the resource (with its subresource) and, when the
    /// rule lists `resourceNames`, the request's name. A non-resource request needs the verb and the path;
    /// API groups and resources play no part in it.
    public func allows(_ request: RequestAttributes) -> Bool {
        guard matchesVerb(request.verb) else { return false }
        guard request.isResourceRequest else { return matchesNonResourceURL(request.path) }
        return matchesAPIGroup(request.apiGroup)
            && matchesResource(request.combinedResource, subresource: request.subresource)
            && matchesResourceName(request.name)
    }

    public func matchesVerb(_ verb: String) -> Bool {
        verbs.contains { $0 == rbacWildcard || $0 == verb }
    }

    public func matchesAPIGroup(_ group: String) -> Bool {
        apiGroups.contains { $0 == rbacWildcard || $0 == group }
    }

    /// `*` matches every resource and subresource, an exact `resource/subresource` matches it, and
    /// `*/subresource` matches that subresource of any resource. `pods/*` is no pattern: it matches only a
    /// subresource literally named `*`.
    public func matchesResource(_ combinedResource: String, subresource: String) -> Bool {
        resources.contains { Self.resourceEntry($0, matches: combinedResource, subresource: subresource) }
    }

    static func resourceEntry(_ entry: String, matches combinedResource: String, subresource: String) -> Bool {
        if entry == rbacWildcard || entry == combinedResource { return true }
        guard !subresource.isEmpty else { return false }
        return entry == "*/" + subresource
    }

    /// A rule without `resourceNames` matches every name; otherwise the name must be listed. A request with
    /// no name (`create` on a collection, `deletecollection`, `list` and `watch` without a
    /// `metadata.name` field selector) has name `""` and so matches no such rule.
    public func matchesResourceName(_ name: String) -> Bool {
        resourceNames.isEmpty || resourceNames.contains(name)
    }

    /// `*` matches every path, an exact entry its path, and an entry ending in `*` every path that starts
    /// with the entry minus its trailing asterisks (`/apis/*` matches `/apis/apps/v1` but not `/apis`).
    public func matchesNonResourceURL(_ path: String) -> Bool {
        nonResourceURLs.contains { Self.nonResourceEntry($0, matches: path) }
    }

    static func nonResourceEntry(_ entry: String, matches path: String) -> Bool {
        if entry == rbacWildcard || entry == path { return true }
        guard entry.hasSuffix(rbacWildcard) else { return false }
        var prefix = Substring(entry)
        while prefix.hasSuffix(rbacWildcard) { prefix = prefix.dropLast() }
        return path.hasPrefix(prefix)
    }
}
