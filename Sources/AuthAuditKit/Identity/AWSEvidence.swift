/// The AWS facts a `UserInfo` carries itself, from `extra` and `uid`.
struct AWSEvidence {
    var rawARN: ARN?
    var canonicalARN: ARN?
    /// The session name. An empty string (IAM users) is kept, because it means there is no session.
    var sessionName: String?
    var accessKeyID: String?
    var principalID: String?
    var uid: AuthenticatorUID?

    /// The `extra` keys aws-iam-authenticator sets (v0.5.2 and later).
    static let extraKeys = [
        "arn", "canonicalArn", "sessionName", "accessKeyId", "principalId",
        "sigs.k8s.io/aws-iam-authenticator/principalId",
    ]

    init(_ user: UserInfo) {
        rawARN = user.firstExtra("arn").flatMap(ARN.init)
        canonicalARN = user.firstExtra("canonicalArn").flatMap(ARN.init) ?? rawARN.flatMap { try? $0.canonical() }
        sessionName = user.firstExtra("sessionName") ?? rawARN?.sessionName
        accessKeyID = user.firstExtra("accessKeyId").flatMap { $0.isEmpty ? nil : $0 }
        principalID =
            (user.firstExtra("principalId") ?? user.firstExtra("sigs.k8s.io/aws-iam-authenticator/principalId"))
            .flatMap { $0.isEmpty ? nil : $0 }
        uid = AuthenticatorUID(user.uid)
    }

    /// Whether the user was authenticated by aws-iam-authenticator, judged by its uid or extra keys.
    var isPresent: Bool {
        uid != nil || rawARN != nil || canonicalARN != nil || sessionName != nil || accessKeyID != nil
            || principalID != nil
    }
}

/// Rules for Kubernetes' own identities, which have no IAM principal behind them.
enum KubernetesIdentity {
    /// Returns why a username without AWS evidence is not an AWS identity, or nil when it may be one.
    static func reason(for user: UserInfo) -> String? {
        let name = user.username
        if name.hasPrefix("system:serviceaccount:") {
            let parts = name.split(separator: ":", omittingEmptySubsequences: false)
            if parts.count == 4 {
                return
                    "This is the Kubernetes service account \(parts[3]) in namespace \(parts[2]), authenticated by a service account token."
            }
            return "This is a Kubernetes service account, authenticated by a service account token."
        }
        if name == "system:anonymous" {
            return "This is an unauthenticated request (system:anonymous)."
        }
        if name.hasPrefix("system:node:") {
            return "This node authenticated with a client certificate, not through aws-iam-authenticator."
        }
        if name.hasPrefix("system:bootstrap:") {
            return "This is a Kubernetes bootstrap token."
        }
        if let credential = user.firstExtra("authentication.kubernetes.io/credential-id"), credential.hasPrefix("X509")
        {
            return
                "This user authenticated with a client certificate (\(credential)), not through aws-iam-authenticator."
        }
        if name.hasPrefix("system:") || name.hasPrefix("eks:") {
            return
                "This is a Kubernetes or EKS component that authenticated without aws-iam-authenticator, usually with a client certificate."
        }
        return nil
    }
}
