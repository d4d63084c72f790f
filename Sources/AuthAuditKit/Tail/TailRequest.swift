/// One completed request, or one failed authentication, as `authaudit tail` prints it.
struct TailRequest: Equatable {
    /// How the request ended, as far as authentication and authorization go.
    enum Outcome: String {
        /// Authorized; the request may still have failed for another reason (see `code`).
        case allowed
        /// 403 from the apiserver.
        case forbidden
        /// 401 from the apiserver: the credentials were missing or rejected.
        case unauthenticated
        /// An aws-iam-authenticator `access denied` line: the token was not accepted.
        case authenticationFailed = "authentication-failed"

        init(code: Int?) {
            switch code {
            case 401: self = .unauthenticated
            case 403: self = .forbidden
            default: self = .allowed
            }
        }
    }

    /// The stage time of the event that completed the request, or the authenticator line's time.
    var time: Timestamp?
    var auditID: String?
    var username: String?
    /// The Kubernetes groups of the user, and the directory groups of the resolved person.
    var groups: [String] = []
    var person: String?
    /// The IAM role ARN, or the IAM user ARN for a user mapping.
    var iamPrincipal: String?
    var verb: String?
    /// `resource` or `resource/subresource`.
    var resource: String?
    var namespace: String?
    var name: String?
    var code: Int?
    var outcome: Outcome
    /// The followed file's path, or `<stdin>`.
    var source: String
}
