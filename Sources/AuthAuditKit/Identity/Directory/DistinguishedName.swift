/// Reading of LDAP distinguished names as RFC 4514 writes them (`CN=Doe\, Jane,OU=Users,DC=corp,DC=example`).
///
/// Exports spell one DN in several ways: attribute types and values in any case (Active Directory
/// compares DNs case-insensitively), spaces after the commas, `\,` or `\2C` for the same comma.
/// `key(_:)` folds all of these into one comparison key.
enum DistinguishedName {
    /// One `type=value` component, with escapes resolved.
    struct Component: Equatable {
        var type: String
        var value: String
    }

    /// Returns the components, most specific first. Text without `=` becomes one component with an empty type.
    ///
    /// NOTE: a multi-valued component (`CN=a+UID=b`) stays one component whose value contains the `+`.
    static func components(_ dn: String) -> [Component] {
        var components: [Component] = []
        var type: [UInt8] = []
        var value: [UInt8] = []
        var inValue = false
        var keptLength = 0  // length of `value` without unescaped trailing spaces
        var bytes = Array(dn.utf8)[...]

        func finish() {
            let typeText = String(decoding: type, as: UTF8.self).trimmingWhitespace()
            let valueText = String(decoding: value.prefix(keptLength), as: UTF8.self)
            if inValue {
                components.append(Component(type: typeText, value: valueText))
            } else if !typeText.isEmpty {
                components.append(Component(type: "", value: typeText))
            }
            type = []
            value = []
            inValue = false
            keptLength = 0
        }

        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "\\"):
                let escaped = unescape(&bytes)
                if inValue {
                    value.append(contentsOf: escaped)
                    keptLength = value.count
                } else {
                    type.append(contentsOf: escaped)
                }
            case UInt8(ascii: ","):
                finish()
            case UInt8(ascii: "=") where !inValue:
                inValue = true
            case UInt8(ascii: " ") where inValue && value.isEmpty:
                continue
            default:
                if inValue {
                    value.append(byte)
                    if byte != UInt8(ascii: " ") { keptLength = value.count }
                } else {
                    type.append(byte)
                }
            }
        }
        finish()
        return components
    }

    /// Returns the comparison key: lower-cased types and values, escapes resolved, spaces around separators removed.
    static func key(_ dn: String) -> String {
        if isPlain(dn) {
            return dn.lowercased()
        }
        return components(dn)
            .map { $0.type.lowercased() + "=" + escapeForKey($0.value.lowercased()) }
            .joined(separator: ",")
    }

    /// Checks whether the DN needs no unescaping or trimming, so that its key is the DN in lower case.
    /// That is the case when every component has a `=` and there are no escapes, quotes or spaces around separators.
    private static func isPlain(_ dn: String) -> Bool {
        var previous = UInt8(ascii: ",")
        var hasEquals = false
        for byte in dn.utf8 {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "\""):
                return false
            case UInt8(ascii: " ") where previous == UInt8(ascii: ",") || previous == UInt8(ascii: "="):
                return false
            case UInt8(ascii: ","):
                guard hasEquals, previous != UInt8(ascii: " ") else { return false }
                hasEquals = false
            case UInt8(ascii: "="):
                guard previous != UInt8(ascii: " ") else { return false }
                hasEquals = true
            default:
                break
            }
            previous = byte
        }
        return hasEquals && previous != UInt8(ascii: " ")
    }

    /// Returns the value of the first component (`Jane Doe` for `CN=Jane Doe,OU=Users,…`).
    static func firstValue(_ dn: String) -> String? {
        components(dn).first?.value
    }

    /// Returns the `DC` values, for example `["corp", "example"]`.
    static func domainComponents(_ dn: String) -> [String] {
        components(dn).filter { $0.type.lowercased() == "dc" }.map(\.value)
    }

    /// Escapes a value for use in a DN (RFC 4514 section 2.4), for example `Doe\\, Jane`.
    static func escape(_ value: String) -> String {
        var escaped = ""
        for (offset, character) in value.enumerated() {
            let isSpecial = ",+\"\\<>;=".contains(character)
            let isEdgeSpace = character == " " && (offset == 0 || offset == value.count - 1)
            if isSpecial || isEdgeSpace || (offset == 0 && character == "#") {
                escaped.append("\\")
            }
            escaped.append(character)
        }
        return escaped
    }

    /// Resolves the escape after a backslash: two hex digits give one byte, any other character
    /// stands for itself. A backslash at the end stands for itself.
    private static func unescape(_ bytes: inout ArraySlice<UInt8>) -> [UInt8] {
        guard let first = bytes.first else { return [UInt8(ascii: "\\")] }
        if bytes.count >= 2, let high = hexValue(first), let low = hexValue(bytes[bytes.startIndex + 1]) {
            bytes.removeFirst(2)
            return [high << 4 | low]
        }
        bytes.removeFirst()
        return [first]
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func escapeForKey(_ value: String) -> String {
        var escaped = ""
        for character in value {
            if character == "," || character == "\\" {
                escaped.append("\\")
            }
            escaped.append(character)
        }
        return escaped
    }
}
