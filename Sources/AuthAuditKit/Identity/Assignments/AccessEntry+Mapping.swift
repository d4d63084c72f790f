/// An access entry expressed as the aws-auth mapping it behaves like.
public enum AccessEntryMapping: Sendable, Equatable {
    case role(RoleMapping)
    case user(UserMapping)
}

extension AccessEntry {
    /// The principal ARN parsed, when it is an IAM role or IAM user ARN (the only principals EKS
    /// accepts in access entries).
    var principal: ARN? {
        guard let arn = ARN(principalARN), arn.isIAMRole || arn.isIAMUser else { return nil }
        return arn
    }

    /// The username template Kubernetes sees: the stored `username`, or the default EKS uses when
    /// none was set. Nil when the principal is not an IAM role or user ARN.
    ///
    /// Defaults (EKS user guide, "set-custom-username" and "hybrid-nodes-cluster-prep"):
    /// - IAM user: the user ARN, path kept (`arn:aws:iam::111122223333:user/division/bob`);
    /// - IAM role: `arn:aws:sts::<account>:assumed-role/<role name without path>/{{SessionName}}`;
    /// - `HYBRID_LINUX` and `FARGATE_LINUX`: `system:node:{{SessionName}}`;
    /// - other node types: `system:node:{{EC2PrivateDNSName}}`.
    public var effectiveUsername: String? {
        if let username, !username.isEmpty { return username }
        guard let principal else { return nil }
        if let type, type.isNode {
            // NOTE: the EKS docs state the default username only for HYBRID_LINUX. FARGATE_LINUX follows
            // the aws-auth entry EKS writes for Fargate profiles; EC2 and HYPERPOD_LINUX are assumed.
            if type == .hybridLinux || type == .fargateLinux { return "system:node:{{SessionName}}" }
            return "system:node:{{EC2PrivateDNSName}}"
        }
        if principal.isIAMUser { return principal.description }
        let roleName = principal.roleName ?? ""
        return "arn:\(principal.partition):sts::\(principal.account):assumed-role/\(roleName)/{{SessionName}}"
    }

    /// The groups Kubernetes sees (before it adds `system:authenticated`): `kubernetesGroups`, or
    /// `system:nodes` for a node entry that lists none.
    public var effectiveGroups: [String] {
        if kubernetesGroups.isEmpty, let type, type.isNode { return ["system:nodes"] }
        return kubernetesGroups
    }

    /// The aws-auth mapping that authenticates the same principal to the same username and groups,
    /// or nil when the principal is not an IAM role or user ARN.
    ///
    /// The role ARN loses its path, because access entries match the caller's canonical ARN with
    /// the path stripped (aws-iam-authenticator `arn.StripPath` in the DynamicFile mapper) and a
    /// canonical ARN never carries one.
    public func mapping() -> AccessEntryMapping? {
        guard let principal, let username = effectiveUsername else { return nil }
        if principal.isIAMUser {
            return .user(UserMapping(userARN: principal.description, username: username, groups: effectiveGroups))
        }
        let roleARN = principal.strippingRolePath().description
        return .role(RoleMapping(roleARN: roleARN, username: username, groups: effectiveGroups))
    }
}

extension AwsAuthMapping {
    /// The mappings of a set of access entries; entries whose principal is not an IAM role or user
    /// ARN are left out (the access entry parser reports them).
    public init(accessEntries: [AccessEntry]) {
        self.init()
        for entry in accessEntries {
            switch entry.mapping() {
            case .role(let role): roles.append(role)
            case .user(let user): users.append(user)
            case nil: break
            }
        }
    }
}
