/// How the assumption that created a session was found.
public enum RoleSessionMatch: Sendable, Equatable {
    /// The session's access key id equals the key the query or the next caller used. A key belongs to exactly
    /// one session, so this match is certain.
    case accessKeyID(String)
    /// The only assumption of this role with this session name whose session was valid at `time`.
    case roleSession(roleARN: String, sessionName: String, time: Timestamp)
}

/// One role session of a chain and the assumption that created it.
public struct RoleSessionHop: Sendable, Equatable {
    public var assumption: RoleAssumption
    public var match: RoleSessionMatch

    public init(assumption: RoleAssumption, match: RoleSessionMatch) {
        self.assumption = assumption
        self.match = match
    }

    /// The canonical IAM role ARN of the session.
    public var roleARN: String { assumption.session.roleARN }
    public var sessionName: String { assumption.session.sessionName }
    /// When the session was created.
    public var time: Timestamp { assumption.eventTime }
}

/// How the person entered AWS when they signed in.
public enum FederationKind: String, Sendable {
    /// IAM Identity Center (AWS SSO): `AssumeRoleWithSAML` through an `AWSSSO_…` provider or into an
    /// `AWSReservedSSO_…` role.
    case identityCenter = "identity_center"
    /// `AssumeRoleWithSAML` through another SAML provider.
    case saml
    /// `AssumeRoleWithWebIdentity` (OIDC, including EKS service account tokens).
    case webIdentity = "web_identity"
}

/// Why a chain stops before reaching who started it.
public enum RoleSessionGap: Sendable, Equatable {
    /// No recorded assumption created the session that was asked about.
    case sessionNotFound
    /// The caller is a role session whose own assumption is not in the records read.
    case callerAssumptionMissing(callerARN: String?, accessKeyID: String?)
    /// Several assumptions match the role and session name in the time window; their event ids are listed.
    case ambiguous(roleARN: String, sessionName: String, eventIDs: [String])
    /// The caller's assumption is already in the chain (the records contradict each other).
    case cycle(eventID: String?)
    /// A SAML or web identity call whose record names no user.
    case federatedUserWithoutName
    /// A caller type that does not lead to a person or another session (`FederatedUser`, `AWSAccount`, or none).
    case unsupportedCaller(type: String?)
}

/// Who started a chain of role sessions.
public enum RoleSessionOrigin: Sendable, Equatable {
    /// A federated user, named by the SAML subject, the IAM Identity Center user name or the web identity
    /// token's subject.
    case federatedUser(name: String, kind: FederationKind, identityProvider: String?)
    /// A call made on behalf of an IAM Identity Center user (`IdentityCenterUser`), named by its user id.
    case identityCenterUser(userID: String)
    /// An IAM user: the user name is known, the person using its keys is not.
    case iamUser(arn: String?, userName: String?)
    case rootAccount(accountID: String?)
    /// An AWS service acting for itself, for example EC2 for an instance profile.
    case awsService(String?)
    case unknown(RoleSessionGap)
}

/// A role session traced back through the calls that created it.
public struct RoleSessionChain: Sendable, Equatable {
    /// The session asked about first, then the session that created it, and so on.
    public var hops: [RoleSessionHop]
    public var origin: RoleSessionOrigin

    public init(hops: [RoleSessionHop], origin: RoleSessionOrigin) {
        self.hops = hops
        self.origin = origin
    }

    /// The name of the person who started the chain, for federated origins.
    public var personName: String? {
        if case .federatedUser(let name, _, _) = origin { return name }
        return nil
    }

    /// The first `sourceIdentity` along the chain. STS keeps it unchanged along a role chain once it is set, so it
    /// is the value the first session's identity provider or caller set, even when the chain breaks off earlier.
    public var sourceIdentity: String? {
        for hop in hops {
            if let identity = hop.assumption.session.sourceIdentity ?? hop.assumption.caller.sourceIdentity {
                return identity
            }
        }
        return nil
    }
}
