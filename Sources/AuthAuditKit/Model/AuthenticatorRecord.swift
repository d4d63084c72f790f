/// The kind of an aws-iam-authenticator per-request log line.
public enum AuthenticatorMessage: String, Sendable {
    /// `msg="STS response"`: the raw STS ARN with the session name, the access key and the user id.
    case stsResponse = "STS response"
    /// `msg="access granted"`: the canonical ARN and the Kubernetes username and groups it mapped to.
    case accessGranted = "access granted"
    /// `msg="access denied"` (with or without `arn`), and v0.1's `access denied because ARN is not mapped`.
    case accessDenied = "access denied"
}

/// One per-request line of an aws-iam-authenticator server log, in logrus text or JSON form.
///
/// Field names follow the log: `arn` is the raw STS ARN on STS response lines and the canonical
/// IAM ARN on decision lines; `stsEndpoint` is `stsendpoint=` (v0.6.28+) or EKS's older `sts=`.
public struct AuthenticatorRecord: Sendable, Equatable {
    public var time: Timestamp?
    public var level: String?
    public var message: AuthenticatorMessage
    public var client: String?
    public var arn: String?
    public var accessKeyID: String?
    public var accountID: String?
    public var sessionName: String?
    /// `userid=` on STS response lines: AROA… for roles, AIDA… for users.
    public var userID: String?
    public var username: String?
    public var uid: String?
    public var groups: [String]?
    public var error: String?
    public var stsEndpoint: String?

    public init(message: AuthenticatorMessage) {
        self.message = message
    }
}
