/// Why an ARN cannot stand for an identity that aws-iam-authenticator accepts.
public enum ARNCanonicalizationError: Error, Sendable, Equatable {
    case invalid(text: String)
    case unknownPartition(String)
    /// An `assumed-role` ARN without both a role name and a session name.
    case assumedRoleWithoutRole
    case unsupportedResource(service: String, resource: String)
}

extension ARN {
    /// The identity form aws-iam-authenticator maps, following `pkg/arn/arn.go` `Canonicalize`.
    ///
    /// `sts … assumed-role/<role>/<session>` becomes `iam … role/<role>` (GetCallerIdentity never returns the
    /// role path, so the result has none); IAM `role/`, `user/`, `root` and STS `federated-user/` stay as they are.
    public func canonical() throws(ARNCanonicalizationError) -> ARN {
        guard Self.knownPartitions.contains(partition) else { throw .unknownPartition(partition) }
        let parts = resourceParts
        switch (service, parts[0]) {
        case ("sts", "federated-user"), ("iam", "role"), ("iam", "user"), ("iam", "root"):
            return self
        case ("sts", "assumed-role"):
            guard parts.count >= 3 else { throw .assumedRoleWithoutRole }
            let roleName = parts[1..<(parts.count - 1)].joined(separator: "/")
            return ARN(partition: partition, service: "iam", region: "", account: account, resource: "role/\(roleName)")
        default:
            throw .unsupportedResource(service: service, resource: resource)
        }
    }

    /// Canonicalizes an ARN given as text.
    public static func canonicalize(_ text: String) throws(ARNCanonicalizationError) -> ARN {
        guard let arn = ARN(text) else { throw .invalid(text: text) }
        return try arn.canonical()
    }

    /// Whether this is an IAM role (`iam … role/…`).
    public var isIAMRole: Bool { service == "iam" && resourceType == "role" }

    /// Whether this is an IAM user (`iam … user/…`).
    public var isIAMUser: Bool { service == "iam" && resourceType == "user" }

    /// Whether this is an STS assumed-role session ARN.
    public var isAssumedRole: Bool { service == "sts" && resourceType == "assumed-role" }

    /// The role name without its path, for IAM role and STS assumed-role ARNs.
    public var roleName: String? {
        let parts = resourceParts
        if isIAMRole, parts.count >= 2 { return String(parts[parts.count - 1]) }
        if isAssumedRole, parts.count >= 3 { return String(parts[parts.count - 2]) }
        return nil
    }

    /// The role path between `role/` and the name (`aws-reserved/sso.amazonaws.com/eu-west-2`), or nil
    /// when the role ARN has none.
    public var rolePath: String? {
        let parts = resourceParts
        guard isIAMRole, parts.count > 2 else { return nil }
        return parts[1..<(parts.count - 1)].joined(separator: "/")
    }

    /// The session name of an STS assumed-role ARN, or the name of a federated user.
    public var sessionName: String? {
        let parts = resourceParts
        if isAssumedRole, parts.count >= 3 { return String(parts[parts.count - 1]) }
        if service == "sts", parts[0] == "federated-user", parts.count >= 2 {
            return parts[1...].joined(separator: "/")
        }
        return nil
    }

    /// The IAM user name with its path (`division/bob`), for IAM user ARNs.
    public var userName: String? {
        guard isIAMUser else { return nil }
        return resourceParts.dropFirst().joined(separator: "/")
    }

    /// The same role ARN without its path, like aws-iam-authenticator's `arn.StripPath`. Other ARNs are
    /// returned unchanged.
    ///
    /// A mapping `rolearn` with a path never matches a canonical ARN; this form is what it should have been.
    public func strippingRolePath() -> ARN {
        guard isIAMRole, rolePath != nil, let roleName else { return self }
        var stripped = self
        stripped.resource = "role/\(roleName)"
        return stripped
    }
}
