/// Permission set names of IAM Identity Center (AWS SSO) roles.
///
/// Identity Center creates one role per account and permission set, named
/// `AWSReservedSSO_<PermissionSetName>_<16 hex digits>` under the path
/// `aws-reserved/sso.amazonaws.com/` (with a region segment except for instances in us-east-1).
public enum SSORoleName {
    static let prefix = "AWSReservedSSO_"

    /// The permission set name in an `AWSReservedSSO_…` role name, or nil for other roles.
    ///
    /// Permission set names may contain `_`, so the name is everything between the prefix and the last `_`,
    /// provided that the text after it is exactly 16 hex digits.
    public static func permissionSetName(roleName: String) -> String? {
        guard roleName.hasPrefix(prefix) else { return nil }
        let rest = roleName.dropFirst(prefix.count)
        guard let separator = rest.lastIndex(of: "_") else { return nil }
        let name = rest[..<separator]
        let suffix = rest[rest.index(after: separator)...]
        guard !name.isEmpty, suffix.count == 16, suffix.allSatisfy(\.isHexDigit) else { return nil }
        return String(name)
    }

    /// The permission set name of an IAM role or STS assumed-role ARN, with or without the SSO path.
    public static func permissionSetName(arn: ARN) -> String? {
        guard let roleName = arn.roleName else { return nil }
        if let path = arn.rolePath, !isSSOPath(path) { return nil }
        return permissionSetName(roleName: roleName)
    }

    /// Whether a role path is `aws-reserved/sso.amazonaws.com` or `aws-reserved/sso.amazonaws.com/<region>`.
    public static func isSSOPath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return false }
        return parts[0] == "aws-reserved" && parts[1] == "sso.amazonaws.com"
            && parts.dropFirst(2).allSatisfy { !$0.isEmpty }
    }
}
