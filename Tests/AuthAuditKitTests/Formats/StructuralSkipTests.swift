import Testing

@testable import AuthAuditKit

/// `JSONCursor.skipContainerByStructure`, which steps over bodies and user objects by their brackets.
@Suite struct StructuralSkipTests {
    /// Skips the container at the start of `text` and returns the skipped text and the cursor offset.
    private func skip(_ text: String) throws -> (value: String, offset: Int) {
        try Array(text.utf8).withUnsafeBytes { buffer in
            var cursor = JSONCursor(buffer)
            let range = try cursor.skipContainerByStructure()
            let value = String(decoding: buffer[range.start..<range.start + range.count], as: UTF8.self)
            return (value, cursor.offset)
        }
    }

    private func failure(_ text: String) -> JSONSyntaxError? {
        do {
            _ = try skip(text)
            return nil
        } catch {
            return error as? JSONSyntaxError
        }
    }

    @Test func stopsAfterTheMatchingBracket() throws {
        let body = #"{"a":"}\"]{[","b":[{"c":1},[]],"d":"\\"}"#
        let skipped = try skip(body + #","next":1}"#)
        #expect(skipped.value == body)
        #expect(skipped.offset == body.utf8.count)
    }

    @Test func arraysAndLongStrings() throws {
        let long = String(repeating: "x", count: 100) + #"\"\\"# + String(repeating: "y", count: 13)
        let body = #"[{"op":"add","value":""# + long + #""}, "}"]"#
        #expect(try skip(body + "]").value == body)
    }

    @Test func unicodeInStringsIsStepped() throws {
        let body = #"{"name":"crème ]} brûlée","emoji":"🔐"}"#
        #expect(try skip(body).value == body)
    }

    @Test func mismatchedBracketIsAnError() {
        let error = failure(#"{"a":[1}"#)
        #expect(error?.expected == .commaOrClosingBracket)
        #expect(error?.offset == 7)
        #expect(failure(#"[{"a":1]"#)?.expected == .commaOrClosingBrace)
    }

    @Test func cutOffValueIsAnError() {
        let insideObject = failure(#"{"a":{"b":1"#)
        #expect(insideObject?.expected == .commaOrClosingBrace)
        #expect(insideObject?.offset == 11)
        #expect(failure(#"{"a":[1,2"#)?.expected == .commaOrClosingBracket)
        #expect(failure(#"{"a":"unterminated"#)?.expected == .closingQuote)
        #expect(failure(#"{"a":"ends in a backslash\"#)?.expected == .closingQuote)
    }

    /// Numbers, literals and escapes are left to the reader that decodes the value.
    @Test func literalsAndEscapesAreNotChecked() throws {
        for body in [#"{"replicas":tru}"#, #"{"a":"\q"}"#, #"{"a":"\u12"}"#, #"{"a":,}"#] {
            #expect(try skip(body).value == body)
        }
    }

    @Test func keyWithoutColonIsAnError() {
        let error = failure(#"{"spec":{"replicas" 6}}"#)
        #expect(error?.expected == .colon)
        #expect(error?.offset == 20)
    }

    @Test func stringInArrayBeforeColonIsAnError() {
        let error = failure(#"{"spec":["replicas":6}}"#)
        #expect(error?.expected == .commaOrClosingBracket)
        #expect(error?.offset == 19)
    }

    /// A string missing its closing quote swallows the next key's opening quote, so the next
    /// string starts inside that key: the error is reported where the two stop pairing up.
    @Test func lostQuoteIsAnErrorNearIt() {
        let text = #"{"a":"unterminated},"next":{"b":1}}"#
        let error = failure(text)
        #expect(error?.expected == .commaOrClosingBrace)
        #expect(error?.offset == 21)
    }

    @Test func whitespaceBetweenTokensIsAccepted() throws {
        let body = "{ \"a\" : [ \"x\" , \"y\" ] ,\n\t\"b\" : { } }"
        #expect(try skip(body).value == body)
    }

    @Test func deepNestingFallsBackToTheValidatingScan() throws {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(try skip(deep).value == deep)
        let tooDeep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(failure(tooDeep)?.expected == .nestingDepth(maximum: JSONCursor.maximumDepth))
        let invalidDeep = String(repeating: "[", count: 70) + "1 2" + String(repeating: "]", count: 70)
        #expect(failure(invalidDeep)?.expected == .commaOrClosingBracket)
    }
}
