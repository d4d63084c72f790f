/// The STS calls that create a role session, as CloudTrail names them in `eventName`.
public enum RoleAssumptionEvent: String, Sendable, CaseIterable, Codable {
    case assumeRole = "AssumeRole"
    case assumeRoleWithSAML = "AssumeRoleWithSAML"
    case assumeRoleWithWebIdentity = "AssumeRoleWithWebIdentity"
}

/// The role session that one successful STS call created.
public struct AssumedRoleSession: Sendable, Equatable, Codable {
    /// The assumed role as a canonical IAM role ARN, without the role path
    /// (`arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_0123456789abcdef`), so it compares equal to what
    /// aws-iam-authenticator logs and maps.
    public var roleARN: String
    /// `requestParameters.roleArn` as the caller sent it, path included.
    public var requestedRoleARN: String
    /// `requestParameters.roleSessionName`, or the last part of the assumed-role ARN when the request lacks it.
    public var sessionName: String
    /// `responseElements.assumedRoleUser.arn`: `arn:aws:sts::<account>:assumed-role/<role>/<session>`.
    public var assumedRoleARN: String
    /// `responseElements.assumedRoleUser.assumedRoleId`: `AROA…:<session>`, the principal id of the session.
    public var assumedRoleID: String?
    /// `responseElements.credentials.accessKeyId` (`ASIA…`), the key every later call of the session carries.
    public var accessKeyID: String?
    /// `sourceIdentity` of the request or the response, which STS keeps unchanged along a role chain.
    public var sourceIdentity: String?
    /// `requestParameters.durationSeconds`, when the caller asked for a duration.
    public var durationSeconds: Int?
    /// `responseElements.credentials.expiration`, when it could be read.
    public var expiration: Timestamp?

    public init(roleARN: String, requestedRoleARN: String, sessionName: String, assumedRoleARN: String) {
        self.roleARN = roleARN
        self.requestedRoleARN = requestedRoleARN
        self.sessionName = sessionName
        self.assumedRoleARN = assumedRoleARN
    }
}

/// The `userIdentity` of an STS call: who asked for the new session.
public struct CloudTrailCaller: Sendable, Equatable, Codable {
    /// `userIdentity.type`: `AssumedRole`, `IAMUser`, `SAMLUser`, `WebIdentityUser`, `AWSService`, `Root`,
    /// `IdentityCenterUser`, `FederatedUser` or `AWSAccount`.
    public var type: String?
    public var arn: String?
    public var principalID: String?
    /// The key the caller signed the request with; for an `AssumedRole` caller it is the `accessKeyId` that
    /// the caller's own session was issued.
    public var accessKeyID: String?
    public var userName: String?
    public var accountID: String?
    /// `userIdentity.sessionContext.sessionIssuer.arn`: the IAM role (with its path) behind an `AssumedRole` caller.
    public var sessionIssuerARN: String?
    /// `userIdentity.sessionContext.sourceIdentity` of an `AssumedRole` caller.
    public var sourceIdentity: String?
    /// `userIdentity.invokedBy`, for example `ec2.amazonaws.com` for an `AWSService` caller.
    public var invokedBy: String?
    /// `userIdentity.identityProvider` of SAML and web identity callers (`AWSSSO_…_DO_NOT_DELETE` for
    /// IAM Identity Center, an OIDC issuer or SAML provider otherwise).
    public var identityProvider: String?
    /// `userIdentity.onBehalfOf.userId`: the IAM Identity Center user id, when CloudTrail records one.
    public var onBehalfOfUserID: String?
    /// The federated user behind a SAML or web identity call: `responseElements.subject` (SAML) or
    /// `subjectFromWebIdentityToken` (web identity), else `userIdentity.userName`.
    public var federatedSubject: String?

    public init(type: String?) {
        self.type = type
    }
}

/// One successful `AssumeRole`, `AssumeRoleWithSAML` or `AssumeRoleWithWebIdentity` call from CloudTrail.
public struct RoleAssumption: Sendable, Equatable, Codable {
    /// The longest a role session can last (STS `DurationSeconds` maximum).
    public static let maximumDurationSeconds = 12 * 3600
    /// STS's duration when the request names none.
    public static let defaultDurationSeconds = 3600

    public var eventTime: Timestamp
    public var eventName: RoleAssumptionEvent
    public var eventID: String?
    public var session: AssumedRoleSession
    public var caller: CloudTrailCaller
    /// Where the record was read: the input name, its 1-based line, and its 0-based index among the records
    /// of that input.
    public var source: String
    public var line: Int
    public var recordIndex: Int

    public init(
        eventTime: Timestamp, eventName: RoleAssumptionEvent, eventID: String?, session: AssumedRoleSession,
        caller: CloudTrailCaller, source: String, line: Int, recordIndex: Int
    ) {
        self.eventTime = eventTime
        self.eventName = eventName
        self.eventID = eventID
        self.session = session
        self.caller = caller
        self.source = source
        self.line = line
        self.recordIndex = recordIndex
    }

    /// The last moment the session's credentials are valid: the recorded expiration, else the event time plus
    /// the requested duration (1 hour when none was requested), never more than 12 hours after the event.
    public var validUntil: Timestamp {
        let latest = Timestamp(microseconds: eventTime.microseconds + Int64(Self.maximumDurationSeconds) * 1_000_000)
        if let expiration = session.expiration, expiration >= eventTime {
            return min(expiration, latest)
        }
        let seconds = min(session.durationSeconds ?? Self.defaultDurationSeconds, Self.maximumDurationSeconds)
        return Timestamp(microseconds: eventTime.microseconds + Int64(seconds) * 1_000_000)
    }

    /// Whether the session existed at `time`: created at or before it and not yet expired.
    public func isValid(at time: Timestamp) -> Bool {
        eventTime <= time && time <= validUntil
    }
}
