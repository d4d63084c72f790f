/// One `name[;options]: value` line of an LDIF record.
struct LDIFAttributeLine {
    enum Value {
        /// A plain value, or a `::` value after base64 decoding.
        case bytes([UInt8])
        /// A `:<` value: a URL the value should be read from.
        case url(String)
    }

    /// The lower-cased attribute type, without options.
    var name: String
    /// The options after `;`, as written (`range=0-1499`).
    var options: [String]
    var value: Value

    /// Parses a line; a line without `:`, with an invalid attribute type or with invalid base64
    /// returns the reason.
    static func parse(_ bytes: [UInt8]) -> Result<LDIFAttributeLine, LDIFLineError> {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else {
            return .failure(.missingColon)
        }
        let descriptionBytes = bytes[..<colon]
        let nameEnd = descriptionBytes.firstIndex(of: UInt8(ascii: ";")) ?? colon
        let nameBytes = bytes[..<nameEnd]
        var options: [String] = []
        if nameEnd < colon {
            options = bytes[(nameEnd + 1)..<colon].split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
        }
        guard isAttributeType(nameBytes) else {
            return .failure(.invalidAttributeType(String(decoding: descriptionBytes, as: UTF8.self)))
        }
        // An attribute type is ASCII, so setting bit 0x20 of letters lower-cases it.
        let name = String(decoding: nameBytes.map { isASCIILetter($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        let description = { String(decoding: descriptionBytes, as: UTF8.self) }
        var rest = bytes[(colon + 1)...]
        var value: Value
        switch rest.first {
        case UInt8(ascii: ":"):
            rest = rest.dropFirst().drop { $0 == UInt8(ascii: " ") }
            guard let decoded = Base64.decode(rest) else {
                return .failure(.invalidBase64(attribute: description()))
            }
            value = .bytes(decoded)
        case UInt8(ascii: "<"):
            rest = rest.dropFirst().drop { $0 == UInt8(ascii: " ") }
            value = .url(String(decoding: rest, as: UTF8.self))
        default:
            value = .bytes(Array(rest.drop { $0 == UInt8(ascii: " ") }))
        }
        return .success(LDIFAttributeLine(name: name, options: options, value: value))
    }

    /// The `range=<low>-<high>` option of a ranged attribute (`member;range=1500-*`), with
    /// `high` nil for `*`, the last range.
    var range: (low: Int, high: Int?)? {
        for option in options where option.lowercased().hasPrefix("range=") {
            let bounds = option.dropFirst("range=".count).split(separator: "-", maxSplits: 1)
            guard bounds.count == 2, let low = Int(bounds[0]) else { return nil }
            return (low, bounds[1] == "*" ? nil : Int(bounds[1]))
        }
        return nil
    }

    /// Whether the bytes are an attribute type: a name (a letter, then letters, digits and `-`) or an OID.
    private static func isAttributeType(_ bytes: ArraySlice<UInt8>) -> Bool {
        let isDigit: (UInt8) -> Bool = { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        guard let first = bytes.first else { return false }
        if isDigit(first) {
            return bytes.allSatisfy { isDigit($0) || $0 == UInt8(ascii: ".") }
        }
        return isASCIILetter(first) && bytes.allSatisfy { isASCIILetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }
}

/// The reason an LDIF line could not be read.
enum LDIFLineError: Error, Equatable {
    case missingColon
    case invalidAttributeType(String)
    case invalidBase64(attribute: String)

    var reason: String {
        switch self {
        case .missingColon:
            "The line has no \":\" after an attribute name."
        case .invalidAttributeType(let text):
            "\"\(text)\" is not an attribute name."
        case .invalidBase64(let attribute):
            "The \(attribute):: value is not valid base64."
        }
    }
}
