/// Finds groups that no RoleBinding or ClusterRoleBinding names, so that they grant nothing through RBAC.
enum GroupBindingRule {
    /// Groups that have permissions without a binding the cluster's owners wrote. `system:masters` is the superuser
    /// group and the Node authorizer serves `system:nodes`. Kubernetes' default policy or the installer (kubeadm,
    /// EKS) binds the others, and an RBAC dump that leaves out default objects would otherwise flag them.
    static let builtInGroups: Set<String> = [
        "system:masters", "system:nodes", "system:bootstrappers", "system:authenticated", "system:unauthenticated",
        "system:serviceaccounts", "system:monitoring",
    ]

    /// Prefixes of per-namespace service account groups and kubeadm bootstrap token groups.
    static let builtInPrefixes = ["system:serviceaccounts:", "system:bootstrappers:"]

    static func check(_ entry: LintEntry, boundGroups: Set<String>, into collector: inout FindingCollector) {
        var seen: Set<String> = []
        for group in entry.groups where seen.insert(group).inserted {
            if group.isEmpty || isBuiltIn(group) || boundGroups.contains(group) { continue }
            // A group with a placeholder gets its name per session, so it cannot be compared with bindings.
            if !UsernameTemplate(group).placeholders.isEmpty { continue }
            collector.add(.groupNotBound(entry.reference, group: group), at: entry)
        }
    }

    static func isBuiltIn(_ group: String) -> Bool {
        builtInGroups.contains(group) || builtInPrefixes.contains { group.hasPrefix($0) }
    }
}
