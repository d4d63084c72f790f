/// The source from which one link of an identity chain was learned.
public enum IdentitySource: String, Sendable, CaseIterable {
    /// `user.extra` of the audit event (`arn`, `canonicalArn`, `sessionName`, `accessKeyId`, `principalId`).
    case userExtra = "user.extra"
    /// The `uid` of the audit event (`aws-iam-authenticator:<account>:<principal id>`).
    case uid = "uid"
    /// An aws-iam-authenticator "access granted" or "STS response" line.
    case authenticatorLog = "authenticator log"
    /// The username matched against an aws-auth username template.
    case awsAuthTemplate = "aws-auth template"
    /// The username's own Kubernetes naming rule (`system:serviceaccount:…`, `system:node:…`).
    case kubernetesName = "kubernetes name"
    /// A CloudTrail AssumeRole, AssumeRoleWithSAML or AssumeRoleWithWebIdentity record.
    case cloudTrail = "CloudTrail"
    /// A directory export (LDIF or CSV from Active Directory).
    case directory = "directory"
    /// IAM Identity Center assignments of permission sets to directory groups.
    case ssoAssignments = "SSO assignments"
}

/// The kind of fact a link states.
public enum IdentityLinkKind: String, Sendable, CaseIterable {
    case account
    case iamRole = "iam_role"
    case iamUser = "iam_user"
    case permissionSet = "permission_set"
    case sessionName = "session_name"
    case accessKeyID = "access_key_id"
    case principalID = "principal_id"
    case person
    case mappedGroup = "mapped_group"
    case usernameTemplate = "username_template"
    /// A role session that assumed the next role in a chain (CloudTrail), as `ARN (session)`.
    case callerSession = "caller_session"
    /// A directory group of the person, nested groups included.
    case directoryGroup = "directory_group"
    /// The directory entry of the person (its distinguished name).
    case directoryEntry = "directory_entry"
    case serviceAccount = "service_account"
    case kubernetesNode = "kubernetes_node"
}

/// One fact about who is behind a Kubernetes username, with its source.
public struct IdentityLink: Sendable, Equatable {
    public var kind: IdentityLinkKind
    public var value: String
    public var source: IdentitySource
    /// When the source recorded the fact (a CloudTrail event, an authenticator line), if known.
    public var observedAt: Timestamp?

    public init(kind: IdentityLinkKind, value: String, source: IdentitySource, observedAt: Timestamp? = nil) {
        self.kind = kind
        self.value = value
        self.source = source
        self.observedAt = observedAt
    }
}

/// The class of a role session name, by what it reveals about the person who started the session.
public enum SessionNameKind: String, Sendable {
    /// A name that identifies a person: an SSO user name, an e-mail address, a chosen name.
    case person
    /// An AWS SDK default name: the 19-digit UnixNano time the token was minted.
    case sdkTimestamp = "sdk_timestamp"
    /// `aws eks get-token --role-arn` without `--session-name`.
    case eksGetToken = "eks_get_token"
    /// botocore's `botocore-session-<epoch seconds>` for profile role assumption.
    case botocore
    /// An EC2 instance id (`i-…`): a node or an instance profile.
    case instance
    /// An IAM user or another principal without a session.
    case none
}

/// How far the chain from a Kubernetes username to a person reached.
public enum ResolutionStatus: String, Sendable {
    /// The person is known.
    case resolved
    /// The IAM role or user is known, but the person is not. `reason` gives the cause.
    case partial
    /// Nothing beyond the username is known. `reason` gives the cause.
    case unresolved
    /// Not an AWS identity (service accounts, nodes by certificate, `system:anonymous`, …).
    case notApplicable = "not_applicable"
}

/// The resolution of one Kubernetes identity to the IAM principal, session and person behind it.
public struct IdentityChain: Sendable, Equatable {
    public var username: String
    public var status: ResolutionStatus
    /// The cause of an unknown person, when `status` is `partial` or `unresolved`.
    public var reason: String?
    public var links: [IdentityLink]

    public init(username: String, status: ResolutionStatus, reason: String? = nil, links: [IdentityLink] = []) {
        self.username = username
        self.status = status
        self.reason = reason
        self.links = links
    }

    /// Returns the value of the first link of a kind.
    public func value(_ kind: IdentityLinkKind) -> String? {
        links.first { $0.kind == kind }?.value
    }
}
