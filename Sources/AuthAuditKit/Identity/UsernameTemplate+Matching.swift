/// Values captured from a username by reverse-matching a template.
public struct TemplateCaptures: Sendable, Hashable {
    public var values: [TemplatePlaceholder: String]

    public init(_ values: [TemplatePlaceholder: String] = [:]) {
        self.values = values
    }

    public subscript(placeholder: TemplatePlaceholder) -> String? { values[placeholder] }

    /// The raw session name when the username shows it unchanged: `{{SessionNameRaw}}`, or `{{SessionName}}`
    /// with no `-` (which could have been an `@`).
    public var exactSessionName: String? {
        if let raw = values[.sessionNameRaw] { return raw }
        if let rendered = values[.sessionName], !rendered.contains("-") { return rendered }
        return nil
    }
}

/// The outcome of reverse-matching a username against a template.
public enum TemplateMatch: Sendable, Equatable {
    case noMatch
    case unique(TemplateCaptures)
    /// Several different captures produce the same username; they are listed, up to a limit.
    case ambiguous([TemplateCaptures])
}

extension UsernameTemplate {
    /// The maximum number of different captures collected before matching stops.
    static let maximumCaptures = 16

    /// Finds every assignment of placeholder values under which this template renders to `username`.
    ///
    /// A value must be one the authenticator could substitute: `{{AccountID}}` 12 digits, `{{AccessKeyID}}`
    /// `AKIA` or `ASIA` and 16 upper-case letters or digits, `{{SessionNameRaw}}` 2 to 64 of `[A-Za-z0-9_+=,.@-]`
    /// (the STS `RoleSessionName` rule), `{{SessionName}}` the same without `@`, and `{{EC2PrivateDNSName}}` a
    /// lower-case DNS name. A placeholder used twice must capture the same value both times.
    public func match(_ username: String) -> TemplateMatch {
        var matcher = TemplateMatcher(segments: segments, username: Array(username.unicodeScalars))
        matcher.search(segment: 0, position: 0, captures: [:])
        switch matcher.results.count {
        case 0: return .noMatch
        case 1: return .unique(matcher.results[0])
        default: return .ambiguous(matcher.results)
        }
    }
}

private struct TemplateMatcher {
    let segments: [UsernameTemplate.Segment]
    let username: [Unicode.Scalar]
    var results: [TemplateCaptures] = []

    mutating func search(segment index: Int, position: Int, captures: [TemplatePlaceholder: String]) {
        guard results.count < UsernameTemplate.maximumCaptures else { return }
        guard index < segments.count else {
            let found = TemplateCaptures(captures)
            if position == username.count, Self.isConsistent(found), !results.contains(found) {
                results.append(found)
            }
            return
        }
        switch segments[index] {
        case .literal(let text):
            let scalars = Array(text.unicodeScalars)
            guard position + scalars.count <= username.count,
                Array(username[position..<(position + scalars.count)]) == scalars
            else { return }
            search(segment: index + 1, position: position + scalars.count, captures: captures)
        case .placeholder(let placeholder):
            let rule = CaptureRule(placeholder)
            var end = position
            while end < username.count, end - position < rule.maximumLength, rule.allows(username[end]) {
                end += 1
                guard end - position >= rule.minimumLength else { continue }
                let value = String(String.UnicodeScalarView(username[position..<end]))
                guard rule.accepts(value) else { continue }
                if let earlier = captures[placeholder], earlier != value { continue }
                var next = captures
                next[placeholder] = value
                search(segment: index + 1, position: end, captures: next)
            }
        }
    }

    /// `{{SessionName}}` and `{{SessionNameRaw}}` in one template come from the same session name.
    private static func isConsistent(_ captures: TemplateCaptures) -> Bool {
        guard let raw = captures[.sessionNameRaw], let rendered = captures[.sessionName] else { return true }
        return raw.replacingAll("@", with: "-") == rendered
    }
}

/// The characters and lengths a placeholder can expand to.
private struct CaptureRule {
    let placeholder: TemplatePlaceholder
    let minimumLength: Int
    let maximumLength: Int

    init(_ placeholder: TemplatePlaceholder) {
        self.placeholder = placeholder
        switch placeholder {
        case .accountID: (minimumLength, maximumLength) = (12, 12)
        case .accessKeyID: (minimumLength, maximumLength) = (20, 20)
        case .sessionName, .sessionNameRaw: (minimumLength, maximumLength) = (2, 64)
        case .ec2PrivateDNSName: (minimumLength, maximumLength) = (1, 253)
        }
    }

    func allows(_ scalar: Unicode.Scalar) -> Bool {
        let isDigit = ("0"..."9").contains(scalar)
        let isUpper = ("A"..."Z").contains(scalar)
        let isLower = ("a"..."z").contains(scalar)
        switch placeholder {
        case .accountID: return isDigit
        case .accessKeyID: return isDigit || isUpper
        case .sessionNameRaw: return isDigit || isUpper || isLower || "_+=,.@-".unicodeScalars.contains(scalar)
        case .sessionName: return isDigit || isUpper || isLower || "_+=,.-".unicodeScalars.contains(scalar)
        case .ec2PrivateDNSName: return isDigit || isLower || scalar == "-" || scalar == "."
        }
    }

    /// Whole-value checks that per-character rules cannot express.
    func accepts(_ value: String) -> Bool {
        switch placeholder {
        case .accessKeyID:
            return value.hasPrefix("AKIA") || value.hasPrefix("ASIA")
        case .ec2PrivateDNSName:
            let labels = value.split(separator: ".", omittingEmptySubsequences: false)
            return labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
            }
        default:
            return true
        }
    }
}
