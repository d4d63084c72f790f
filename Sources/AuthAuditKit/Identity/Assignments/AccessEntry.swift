/// The `type` of an EKS access entry.
///
/// Node types let a node's IAM role join the cluster; EKS then sets the username and groups itself
/// and accepts neither `kubernetesGroups` nor access policies for them (EKS API reference,
/// `CreateAccessEntry`). Values not known here are kept as written.
public struct AccessEntryType: RawRepresentable, Sendable, Hashable {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static let standard = AccessEntryType(rawValue: "STANDARD")
    public static let ec2Linux = AccessEntryType(rawValue: "EC2_LINUX")
    public static let ec2Windows = AccessEntryType(rawValue: "EC2_WINDOWS")
    /// Node roles of EKS Auto Mode.
    public static let ec2 = AccessEntryType(rawValue: "EC2")
    public static let fargateLinux = AccessEntryType(rawValue: "FARGATE_LINUX")
    /// EKS Hybrid Nodes, whose sessions are named after the SSM managed instance or the Roles Anywhere
    /// certificate.
    public static let hybridLinux = AccessEntryType(rawValue: "HYBRID_LINUX")
    public static let hyperPodLinux = AccessEntryType(rawValue: "HYPERPOD_LINUX")

    private static let nodeTypes: Set<AccessEntryType> = [
        .ec2Linux, .ec2Windows, .ec2, .fargateLinux, .hybridLinux, .hyperPodLinux,
    ]

    /// Whether entries of this type authenticate nodes rather than people or workloads.
    public var isNode: Bool { Self.nodeTypes.contains(self) }
}

/// Where an EKS access policy applies.
public struct AccessScope: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case cluster
        case namespace
    }

    public var kind: Kind
    /// The namespaces of a `namespace` scope; empty for `cluster`. EKS accepts `*` wildcards at the
    /// end of a name (`dev-*`).
    public var namespaces: [String]

    public init(kind: Kind, namespaces: [String] = []) {
        self.kind = kind
        self.namespaces = namespaces
    }

    public static let cluster = AccessScope(kind: .cluster)
}

/// One access policy associated with an access entry (`list-associated-access-policies` output).
///
/// These grants are evaluated by an EKS authorizer and exist in no RBAC object, so a report of
/// who may do what must add them to what RBAC grants.
public struct AccessPolicyGrant: Sendable, Hashable {
    /// For example `arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy`.
    public var policyARN: String
    public var scope: AccessScope
    /// `associatedAt` and `modifiedAt` as the CLI printed them (ISO 8601 text or epoch seconds).
    public var associatedAt: String?
    public var modifiedAt: String?

    public init(policyARN: String, scope: AccessScope, associatedAt: String? = nil, modifiedAt: String? = nil) {
        self.policyARN = policyARN
        self.scope = scope
        self.associatedAt = associatedAt
        self.modifiedAt = modifiedAt
    }

    /// The policy name after the last `/` of the ARN (`AmazonEKSViewPolicy`).
    public var policyName: String {
        policyARN.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? policyARN
    }
}

/// One EKS access entry with the access policies associated with it.
///
/// An entry read only from `list-access-entries` output has just its principal ARN: its `type` is
/// nil, its username and groups are unknown, and `effectiveUsername` assumes a `STANDARD` entry.
public struct AccessEntry: Sendable, Equatable {
    /// The cluster name, when `describe-access-entry` or `list-associated-access-policies` output gave it.
    public var clusterName: String?
    /// The IAM role or user ARN as stored in the entry; a role ARN may include a path.
    public var principalARN: String
    public var kubernetesGroups: [String]
    /// The username as stored; EKS fills in the default when none was given at creation, but inputs
    /// written by hand or by other tools may lack it.
    public var username: String?
    public var type: AccessEntryType?
    public var accessEntryARN: String?
    /// `createdAt` and `modifiedAt` as the CLI printed them.
    public var createdAt: String?
    public var modifiedAt: String?
    public var tags: [String: String]
    public var policies: [AccessPolicyGrant]

    public init(
        principalARN: String, clusterName: String? = nil, type: AccessEntryType? = nil, username: String? = nil,
        kubernetesGroups: [String] = [], policies: [AccessPolicyGrant] = []
    ) {
        self.principalARN = principalARN
        self.clusterName = clusterName
        self.type = type
        self.username = username
        self.kubernetesGroups = kubernetesGroups
        self.tags = [:]
        self.policies = policies
    }
}
