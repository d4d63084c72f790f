/// The EKS control-plane component that writes a CloudWatch log stream, read from the stream's name.
///
/// EKS names streams `<component>-<32 hex digits>`, one or more per control-plane instance; see
/// https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html.
public enum LogStreamKind: String, Sendable, Equatable {
    /// `kube-apiserver-audit-…`: one audit event per message.
    case audit
    /// `authenticator-…`: aws-iam-authenticator server log lines.
    case authenticator
    /// Every other stream (`kube-apiserver-…`, `kube-scheduler-…`, `kube-controller-manager-…`,
    /// `cloud-controller-manager-…`), which contain nothing authaudit reads.
    case other

    /// Reads the kind from the name of an EKS control-plane stream, or returns nil for a name EKS does not
    /// use, such as a folder that a user chose.
    public init?(eksStreamName name: String) {
        let otherPrefixes = ["kube-apiserver-", "kube-controller-manager-", "kube-scheduler-", "cloud-controller-manager-"]
        let kind = LogStreamKind(streamName: name)
        guard kind != .other || otherPrefixes.contains(where: name.hasPrefix) else { return nil }
        self = kind
    }

    public init(streamName: String) {
        if streamName.hasPrefix("kube-apiserver-audit-") {
            self = .audit
        } else if streamName.hasPrefix("authenticator-") {
            self = .authenticator
        } else {
            self = .other
        }
    }
}

/// Names of EKS control-plane log groups.
public enum EKSLogGroup {
    /// Returns the cluster name of a log group named `/aws/eks/<cluster>/cluster`, or nil for any other name.
    public static func clusterName(fromLogGroup logGroup: String) -> String? {
        let prefix = "/aws/eks/"
        let suffix = "/cluster"
        guard logGroup.hasPrefix(prefix), logGroup.hasSuffix(suffix),
            logGroup.count > prefix.count + suffix.count
        else { return nil }
        let name = logGroup.dropFirst(prefix.count).dropLast(suffix.count)
        guard !name.contains("/") else { return nil }
        return String(name)
    }
}

/// Objects of a CloudWatch Logs export to S3 (`CreateExportTask`).
public enum CloudWatchExport {
    /// Returns whether `path` names the `<prefix>/aws-logs-write-test` object that an export task writes
    /// to check that it may write to the bucket. It contains no log events.
    public static func isWriteTestObject(path: String) -> Bool {
        path.split(separator: "/").last == "aws-logs-write-test"
    }
}
