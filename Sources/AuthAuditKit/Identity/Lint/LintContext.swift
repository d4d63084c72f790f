/// Facts from the store that some lint rules need. Every fact is optional; a rule whose fact is missing is skipped.
public struct LintContext: Sendable, Equatable {
    /// Group names that are a subject of some RoleBinding or ClusterRoleBinding, or nil when no RBAC data is known.
    public var boundGroups: Set<String>?
    /// Raw session names seen in the logs for each role, keyed by IAM role ARN or STS assumed-role ARN.
    /// Keys are compared ignoring case and role paths.
    public var sessionNamesByRole: [String: Set<String>]

    public init(boundGroups: Set<String>? = nil, sessionNamesByRole: [String: Set<String>] = [:]) {
        self.boundGroups = boundGroups
        self.sessionNamesByRole = sessionNamesByRole
    }
}
