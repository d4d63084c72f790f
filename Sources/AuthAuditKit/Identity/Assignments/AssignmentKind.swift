/// The identity inventory inputs that `AssignmentKindDetector` recognises.
public enum AssignmentKind: String, Sendable, CaseIterable {
    /// authaudit's own `kind: SSOAssignments` YAML (or JSON).
    case ssoAssignments = "sso-assignments"
    /// `aws sso-admin list-account-assignments` output.
    case ssoAccountAssignments = "sso-account-assignments"
    /// `aws identitystore list-groups` output.
    case identityStoreGroups = "identitystore-groups"
    /// `aws sso-admin describe-permission-set` output.
    case ssoPermissionSet = "sso-permission-set"
    /// `aws eks list-access-entries` output.
    case eksAccessEntryList = "eks-access-entry-list"
    /// `aws eks describe-access-entry` output.
    case eksAccessEntry = "eks-access-entry"
    /// `aws eks list-associated-access-policies` output.
    case eksAssociatedAccessPolicies = "eks-associated-access-policies"

    /// Whether `SSOAssignmentParser` reads this kind; the others go to `AccessEntryParser`.
    public var isSSO: Bool {
        switch self {
        case .ssoAssignments, .ssoAccountAssignments, .identityStoreGroups, .ssoPermissionSet: true
        case .eksAccessEntryList, .eksAccessEntry, .eksAssociatedAccessPolicies: false
        }
    }
}
