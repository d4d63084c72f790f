/// Decodes the `user` or `impersonatedUser` object of an audit event into a `UserInfo`.
///
/// Events keep these objects as raw ranges because most consumers only need the usernames of a
/// few distinct users. Callers decode once per distinct object, not once per line.
public enum UserInfoDecoder {
    /// Decodes an object such as `{"username":"alice","uid":"…","groups":[…],"extra":{"k":["v"]}}`.
    ///
    /// `{}` (the user of a failed authentication) decodes to the username "". Unknown keys are
    /// skipped. Error offsets count from the start of `object`.
    public static func decode(_ object: UnsafeRawBufferPointer) throws -> UserInfo {
        var cursor = JSONCursor(object)
        var user = UserInfo(username: "")
        try syntaxChecked {
            cursor.skipWhitespace()
            guard cursor.peek() == ASCIIByte.openBrace, !cursor.isAtEnd else {
                try cursor.skipValue()
                throw AuditEventScanError.invalidEvent(.notAnObject, offset: 0, itemIndex: nil)
            }
            try cursor.scanObject { cursor, key in
                if cursor.stringEquals(key, "username") {
                    user.username = try cursor.decodedString(field: "username") ?? ""
                } else if cursor.stringEquals(key, "uid") {
                    user.uid = try cursor.decodedString(field: "uid")
                } else if cursor.stringEquals(key, "groups") {
                    user.groups = try cursor.decodedStrings(field: "groups")
                } else if cursor.stringEquals(key, "extra") {
                    user.extra = try decodeExtra(&cursor)
                } else {
                    try cursor.skipValue()
                }
            }
            try cursor.expectEndOfInput()
        }
        return user
    }

    /// Decodes `extra`, a map of string lists. A `null` list becomes an empty list so that the key
    /// still shows it was set.
    private static func decodeExtra(_ cursor: inout JSONCursor) throws -> [String: [String]] {
        guard try cursor.enterOptionalObject(field: "extra") else { return [:] }
        var extra: [String: [String]] = [:]
        try cursor.scanObject { cursor, key in
            let name = cursor.decode(key)
            extra[name] = try cursor.decodedStrings(field: "extra[\(name)]")
        }
        return extra
    }
}

extension JSONCursor {
    func decode(_ range: JSONStringRange) -> String {
        JSONStringDecoding.decode(UnsafeRawBufferPointer(rebasing: bytes[range.start..<range.end]),
                                  hasEscapes: range.hasEscapes)
    }

    mutating func decodedString(field: @autoclosure () -> String) throws -> String? {
        try optionalString(field: field()).map { decode($0) }
    }

    /// Decodes an array of strings; `null` gives an empty array.
    mutating func decodedStrings(field: @autoclosure () -> String) throws -> [String] {
        if try skipNull() { return [] }
        guard peek() == ASCIIByte.openBracket, !isAtEnd else { throw typeMismatch(field: field(), expected: .array) }
        var values: [String] = []
        try scanArray { cursor, index in
            guard let range = try cursor.optionalString(field: "\(field())[\(index)]") else { return }
            values.append(cursor.decode(range))
        }
        return values
    }
}
