/// Line-based tests on the text of an input prefix, for the formats that are not JSON.
enum PrefixText {
    /// Whether a line is logrus text (`time="…"` or `level=…` with `msg=…`) or logrus TTY output
    /// (`INFO[0000] …`, possibly wrapped in ANSI colour codes), after any prefix.
    static func looksLikeLogrus(_ line: UnsafeRawBufferPointer) -> Bool {
        let hasStart = line.firstOccurrence(of: "time=\"", afterSpace: true) != nil
            || line.firstOccurrence(of: "level=", afterSpace: true) != nil
        if hasStart, line.firstOccurrence(of: "msg=", afterSpace: true) != nil {
            return true
        }
        let levels = ["INFO", "WARN", "ERRO", "FATA", "PANI", "DEBU", "TRAC"]
        for level in levels {
            guard let start = line.firstOccurrence(of: level) else { continue }
            var offset = start + 4
            // Skip the colour reset `ESC [ 0 m` that a TTY puts between the level and `[`.
            if offset < line.count, line[offset] == ASCIIByte.escape {
                while offset < line.count, line[offset] != UInt8(ascii: "m") { offset += 1 }
                offset += 1
            }
            guard offset < line.count, line[offset] == ASCIIByte.openBracket else { continue }
            let rest = UnsafeRawBufferPointer(rebasing: line[offset...])
            if let close = rest.firstIndex(of: ASCIIByte.closeBracket), close < 40 {
                return true
            }
        }
        return false
    }

    /// Whether the text is LDIF: an `# extended LDIF` header (ldapsearch output) or a first entry
    /// line `dn:` after comments and an optional `version:` line.
    static func looksLikeLDIF(_ prefix: UnsafeRawBufferPointer, from start: Int) -> Bool {
        var offset = start
        var sawVersion = false
        while offset < prefix.count {
            let line = InputKindDetector.line(in: prefix, from: offset)
            offset += line.count + 1
            if line.hasPrefix("# extended LDIF") { return true }
            if line.isEmpty || line.hasPrefix("#") || line.allSatisfy({ $0 == ASCIIByte.carriageReturn }) {
                continue
            }
            if line.hasPrefix("dn:") { return true }
            if !sawVersion, line.hasPrefix("version:") {
                sawVersion = true
                continue
            }
            return false
        }
        return false
    }

    /// The `kind:` values of a YAML text, at any indentation and after a `- ` list marker, and
    /// whether it names an aws-auth ConfigMap (`name: aws-auth` or a `mapRoles:`, `mapUsers:` or
    /// `mapAccounts:` key in any letter case).
    static func yamlFacts(
        _ prefix: UnsafeRawBufferPointer, from start: Int
    ) -> (kinds: [String], hasAwsAuthMarkers: Bool) {
        var kinds: [String] = []
        var hasAwsAuthMarkers = false
        var offset = start
        while offset < prefix.count {
            let line = InputKindDetector.line(in: prefix, from: offset)
            offset += line.count + 1
            guard let (key, value) = keyValue(line) else { continue }
            switch key.lowercased() {
            case "kind":
                if !value.isEmpty { kinds.append(value) }
            case "name":
                if value == "aws-auth" { hasAwsAuthMarkers = true }
            case "maproles", "mapusers", "mapaccounts":
                hasAwsAuthMarkers = true
            default:
                break
            }
        }
        return (kinds, hasAwsAuthMarkers)
    }

    /// Splits a YAML line `  - key: value  # comment` into its key and its unquoted value.
    private static func keyValue(_ line: UnsafeRawBufferPointer) -> (String, String)? {
        var text = Substring(String(decoding: line, as: UTF8.self))
        text = text.drop { $0 == " " || $0 == "\t" }
        if text.hasPrefix("- ") {
            text = text.dropFirst(2).drop { $0 == " " }
        }
        guard !text.hasPrefix("#"), let colon = text.firstIndex(of: ":") else { return nil }
        let key = text[..<colon]
        guard !key.isEmpty, !key.contains(" ") else { return nil }
        var value = text[text.index(after: colon)...]
        if !value.isEmpty, value.first != " " { return nil }
        if let hash = value.indices.first(where: { value[$0] == "#" && $0 > value.startIndex
            && value[value.index(before: $0)] == " " })
        {
            value = value[..<hash]
        }
        value = value.drop { $0 == " " }
        while value.last == " " || value.last == "\r" { value = value.dropLast() }
        if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
            value = value.dropFirst().dropLast()
        }
        return (String(key), String(value))
    }
}
