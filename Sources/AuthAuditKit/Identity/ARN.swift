/// An Amazon Resource Name split into its six fields: `arn:<partition>:<service>:<region>:<account>:<resource>`.
///
/// The resource keeps any further `:` and `/` (IAM paths, session names).
public struct ARN: Sendable, Hashable, CustomStringConvertible {
    public var partition: String
    public var service: String
    public var region: String
    public var account: String
    public var resource: String

    public init(partition: String, service: String, region: String, account: String, resource: String) {
        self.partition = partition
        self.service = service
        self.region = region
        self.account = account
        self.resource = resource
    }

    /// Parses an ARN; returns nil unless the text starts with `arn:` and has all six fields.
    public init?(_ text: String) {
        let fields = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn" else { return nil }
        self.init(
            partition: String(fields[1]), service: String(fields[2]), region: String(fields[3]),
            account: String(fields[4]), resource: String(fields[5]))
    }

    public var description: String {
        "arn:\(partition):\(service):\(region):\(account):\(resource)"
    }

    /// The partitions aws-iam-authenticator accepts (`pkg/endpoints/partitions.go` at HEAD).
    public static let knownPartitions: Set<String> = [
        "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "eusc",
    ]

    /// The resource split at `/`: its type (`role`, `user`, `assumed-role`, …) and the parts after it.
    var resourceParts: [Substring] {
        resource.split(separator: "/", omittingEmptySubsequences: false)
    }

    var resourceType: Substring { resourceParts.first ?? "" }

    /// Compares two ARN texts ignoring case, as aws-iam-authenticator matches `rolearn` and `userarn`
    /// (`strings.EqualFold`).
    public static func textEqualIgnoringCase(_ lhs: String, _ rhs: String) -> Bool {
        lhs.lowercased() == rhs.lowercased()
    }
}
