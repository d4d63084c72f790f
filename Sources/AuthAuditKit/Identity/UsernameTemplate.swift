/// A placeholder that aws-iam-authenticator substitutes in mapping usernames and groups.
public enum TemplatePlaceholder: String, Sendable, CaseIterable, Hashable {
    /// The private DNS name of the EC2 instance whose id is the session name (`ec2:DescribeInstances`).
    case ec2PrivateDNSName = "EC2PrivateDNSName"
    case accountID = "AccountID"
    /// The session name with every `@` replaced by `-`.
    case sessionName = "SessionName"
    /// The session name as it is (aws-iam-authenticator v0.5.0 and later).
    case sessionNameRaw = "SessionNameRaw"
    /// The access key id that signed the token (v0.5.2 and later).
    case accessKeyID = "AccessKeyID"

    /// `{{Name}}` as written in a template.
    public var token: String { "{{\(rawValue)}}" }
}

/// The values a template is rendered with; nil leaves the placeholder as written.
public struct TemplateValues: Sendable, Equatable {
    public var accountID: String?
    /// The raw session name; `{{SessionName}}` gets it with `@` replaced by `-`.
    public var sessionName: String?
    public var accessKeyID: String?
    public var ec2PrivateDNSName: String?

    public init(
        accountID: String? = nil, sessionName: String? = nil, accessKeyID: String? = nil,
        ec2PrivateDNSName: String? = nil
    ) {
        self.accountID = accountID
        self.sessionName = sessionName
        self.accessKeyID = accessKeyID
        self.ec2PrivateDNSName = ec2PrivateDNSName
    }
}

/// A username (or group) template of an aws-auth mapping, such as `devuser:{{SessionName}}`.
public struct UsernameTemplate: Sendable, Equatable {
    public enum Segment: Sendable, Equatable {
        case literal(String)
        case placeholder(TemplatePlaceholder)
    }

    public let text: String
    /// The template split into literal text and placeholders. `{{…}}` with an unknown name is literal,
    /// because the authenticator leaves it as written.
    public let segments: [Segment]

    public init(_ text: String) {
        self.text = text
        self.segments = Self.split(text)
    }

    public var placeholders: Set<TemplatePlaceholder> {
        Set(segments.compactMap { if case .placeholder(let name) = $0 { name } else { nil } })
    }

    /// Renders the template the way `renderTemplate` in aws-iam-authenticator `pkg/server/server.go` does:
    /// plain substitution of `{{EC2PrivateDNSName}}` first, then `{{AccountID}}`, `{{SessionName}}`,
    /// `{{SessionNameRaw}}` and `{{AccessKeyID}}`.
    public func render(_ values: TemplateValues) -> String {
        var result = text
        let order: [(TemplatePlaceholder, String?)] = [
            (.ec2PrivateDNSName, values.ec2PrivateDNSName),
            (.accountID, values.accountID),
            (.sessionName, values.sessionName.map { $0.replacingAll("@", with: "-") }),
            (.sessionNameRaw, values.sessionName),
            (.accessKeyID, values.accessKeyID),
        ]
        for (placeholder, value) in order {
            guard let value else { continue }
            result = result.replacingAll(placeholder.token, with: value)
        }
        return result
    }

    private static func split(_ text: String) -> [Segment] {
        var segments: [Segment] = []
        var literal = ""
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.hasPrefix("{{"),
                let placeholder = TemplatePlaceholder.allCases.first(where: { rest.hasPrefix($0.token) })
            {
                if !literal.isEmpty { segments.append(.literal(literal)) }
                literal = ""
                segments.append(.placeholder(placeholder))
                rest = rest.dropFirst(placeholder.token.count)
            } else {
                literal.append(rest.removeFirst())
            }
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        return segments
    }
}

extension String {
    /// Replaces every non-overlapping occurrence of `target`, scanning left to right like Go's `strings.ReplaceAll`.
    func replacingAll(_ target: String, with replacement: String) -> String {
        let pattern = Array(target.utf8)
        let bytes = Array(utf8)
        guard !pattern.isEmpty, bytes.count >= pattern.count else { return self }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if index + pattern.count <= bytes.count, bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                result.append(contentsOf: replacement.utf8)
                index += pattern.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
