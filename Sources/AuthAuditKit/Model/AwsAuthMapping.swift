/// One `mapRoles` entry of the aws-auth ConfigMap (or an `IAMIdentityMapping` for a role).
public struct RoleMapping: Sendable, Hashable {
    /// `rolearn` as written in the ConfigMap (it may carry a path, which never matches).
    public var roleARN: String?
    /// The alpha `sso:` matcher: `{permissionSetName, accountID, partition}`.
    public var ssoPermissionSetName: String?
    public var ssoAccountID: String?
    public var ssoPartition: String?
    /// Username template, for example `adminuser:{{SessionName}}`.
    public var username: String
    public var groups: [String]
    /// `userid` (DynamicFile / access entries).
    public var userID: String?

    public init(roleARN: String?, username: String, groups: [String]) {
        self.roleARN = roleARN
        self.username = username
        self.groups = groups
    }
}

/// One `mapUsers` entry.
public struct UserMapping: Sendable, Hashable {
    public var userARN: String
    public var username: String
    public var groups: [String]
    public var userID: String?

    public init(userARN: String, username: String, groups: [String]) {
        self.userARN = userARN
        self.username = username
        self.groups = groups
    }
}

/// The IAM-to-Kubernetes mapping of one aws-auth ConfigMap, IAMIdentityMapping set or DynamicFile.
public struct AwsAuthMapping: Sendable, Hashable {
    public var roles: [RoleMapping]
    public var users: [UserMapping]
    /// `mapAccounts`: 12-digit account ids whose users and roles map to their canonical ARN.
    public var accounts: [String]

    public init(roles: [RoleMapping] = [], users: [UserMapping] = [], accounts: [String] = []) {
        self.roles = roles
        self.users = users
        self.accounts = accounts
    }
}
