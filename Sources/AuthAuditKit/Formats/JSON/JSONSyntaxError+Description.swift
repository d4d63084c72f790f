extension JSONExpectation: CustomStringConvertible {
    public var description: String {
        switch self {
        case .value: "a value"
        case .objectKey: "an object key in quotes"
        case .colon: "':' after the object key"
        case .commaOrClosingBrace: "',' or '}' after the object member"
        case .commaOrClosingBracket: "',' or ']' after the array element"
        case .digit: "a digit"
        case .hexDigit: "a hexadecimal digit in a \\u escape"
        case .escapeCharacter: "an escape character (one of \" \\ / b f n r t u)"
        case .closingQuote: "the closing quote of the string (control characters must be escaped)"
        case .literal(let word): "the literal \(word)"
        case .endOfInput: "the end of the line after the JSON value"
        case .integer: "an integer"
        case .nestingDepth(let maximum): "at most \(maximum) nested objects and arrays"
        }
    }
}

extension JSONSyntaxError: CustomStringConvertible {
    /// The expectation and the byte found, for example `expected ':' after the object key, found '='`.
    public var description: String {
        guard let found else { return "expected \(expected), found the end of the line" }
        if case .nestingDepth = expected { return "expected \(expected)" }
        let shown: String
        if found >= 0x21, found < 0x7F {
            shown = "'\(Character(Unicode.Scalar(found)))'"
        } else {
            let hex = String(found, radix: 16, uppercase: true)
            shown = "byte 0x" + (found < 0x10 ? "0" + hex : hex)
        }
        return "expected \(expected), found \(shown)"
    }
}
