/// The type a scalar stands for under YAML 1.1 resolution.
public enum ScalarKind: String, Sendable {
    case string
    case integer
    case float
    case boolean
    case null
}

extension DocumentScalar {
    /// The type of this scalar as `gopkg.in/yaml.v2` resolves it.
    ///
    /// Kubernetes reads manifests with `sigs.k8s.io/yaml`, which converts YAML to JSON through yaml.v2, so an
    /// unquoted `555555555555` becomes a JSON number and an unquoted `yes` a JSON boolean. Quoted and block
    /// scalars are always strings; an explicit `!!str` tag also forces a string.
    public var resolvedKind: ScalarKind {
        if let tag {
            switch tag {
            case "tag:yaml.org,2002:str", "!!str", "!": return .string
            case "tag:yaml.org,2002:int", "!!int": return .integer
            case "tag:yaml.org,2002:float", "!!float": return .float
            case "tag:yaml.org,2002:bool", "!!bool": return .boolean
            case "tag:yaml.org,2002:null", "!!null": return .null
            default: break
            }
        }
        guard style == .plain else { return .string }
        return Self.resolvePlain(text)
    }

    private static let booleanSpellings: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
    ]

    private static let nullSpellings: Set<String> = ["", "~", "null", "Null", "NULL"]

    private static let specialFloats: Set<String> = [
        ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN",
    ]

    static func resolvePlain(_ text: String) -> ScalarKind {
        if nullSpellings.contains(text) { return .null }
        if booleanSpellings.contains(text) { return .boolean }
        if specialFloats.contains(text) { return .float }
        if isInteger(text) { return .integer }
        if isFloat(text) { return .float }
        return .string
    }

    /// Decimal, `0x` hex, `0b` binary or leading-zero octal, with an optional sign and `_` separators.
    private static func isInteger(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        let digits = body.filter { $0 != "_" }
        guard !digits.isEmpty else { return false }
        if digits.hasPrefix("0x") {
            return digits.count > 2 && digits.dropFirst(2).allSatisfy(\.isHexDigit)
        }
        if digits.hasPrefix("0b") {
            return digits.count > 2 && digits.dropFirst(2).allSatisfy { $0 == "0" || $0 == "1" }
        }
        return digits.allSatisfy(\.isASCIIDigit)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, yaml.v2's float pattern.
    private static func isFloat(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
        let mantissaEnd = rest.firstIndex { $0 == "e" || $0 == "E" } ?? rest.endIndex
        let mantissa = rest[..<mantissaEnd]
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard !mantissa.isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else { return false }
        if parts.count == 2 {
            guard !(parts[0].isEmpty && parts[1].isEmpty) else { return false }
        } else if parts[0].isEmpty {
            return false
        }
        guard mantissaEnd != rest.endIndex else { return true }
        var exponent = rest[rest.index(after: mantissaEnd)...]
        if exponent.first == "+" || exponent.first == "-" { exponent = exponent.dropFirst() }
        return !exponent.isEmpty && exponent.allSatisfy(\.isASCIIDigit)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
