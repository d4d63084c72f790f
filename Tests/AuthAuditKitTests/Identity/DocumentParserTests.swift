import Testing

@testable import AuthAuditKit

@Suite struct DocumentParserTests {
    @Test func mappingKeepsKeyOrder() throws {
        let documents = try DocumentParser.parse("b: 1\na: 2\nc: 3\n")
        let keys = documents.first?.mappingEntries?.map { $0.key.scalarText }
        #expect(keys == ["b", "a", "c"])
    }

    @Test func scalarStylesAreRecorded() throws {
        let text = "plain: x\nsingle: 'x'\ndouble: \"x\"\nliteral: |\n  x\nfolded: >\n  x\n"
        let root = try #require(try DocumentParser.parse(text).first)
        #expect(root["plain"]?.scalar?.style == .plain)
        #expect(root["single"]?.scalar?.style == .singleQuoted)
        #expect(root["double"]?.scalar?.style == .doubleQuoted)
        #expect(root["literal"]?.scalar?.style == .literal)
        #expect(root["literal"]?.scalarText == "x\n")
        #expect(root["folded"]?.scalar?.style == .folded)
    }

    @Test func nullSpellingsBecomeNull() throws {
        let root = try #require(try DocumentParser.parse("a:\nb: ~\nc: null\nd: 'null'\n").first)
        #expect(root["a"]?.isNull == true)
        #expect(root["b"]?.isNull == true)
        #expect(root["c"]?.isNull == true)
        #expect(root["d"]?.scalarText == "null")
    }

    @Test func multiDocumentStream() throws {
        let documents = try DocumentParser.parse("a: 1\n---\nb: 2\n---\n")
        #expect(documents.count == 3)
        #expect(documents[1]["b"]?.scalarText == "2")
        #expect(documents[2].isNull)
    }

    @Test func emptyStreamHasNoDocuments() throws {
        #expect(try DocumentParser.parse("").isEmpty)
    }

    @Test func jsonIsRead() throws {
        let root = try #require(try DocumentParser.parse(#"{"mapRoles": [{"rolearn": "arn:x", "groups": []}]}"#).first)
        let item = root["mapRoles"]?.sequenceItems?.first
        #expect(item?["rolearn"]?.scalarText == "arn:x")
        #expect(item?["groups"]?.sequenceItems?.isEmpty == true)
    }

    @Test func nodesCarryPositions() throws {
        let root = try #require(try DocumentParser.parse("a:\n  - x\n  - y\n").first)
        let items = try #require(root["a"]?.sequenceItems)
        #expect(items[1].start == DocumentMark(line: 3, column: 5))
    }

    @Test func aliasCopiesAnchoredNode() throws {
        let root = try #require(try DocumentParser.parse("base: &b [x, y]\ncopy: *b\n").first)
        #expect(root["copy"] == root["base"])
    }

    @Test func mergeKeyOwnKeysWin() throws {
        let text = "base: &b {a: 1, b: 2}\nchild:\n  <<: *b\n  b: 3\n"
        let child = try #require(try DocumentParser.parse(text).first?["child"])
        #expect(child["a"]?.scalarText == "1")
        #expect(child["b"]?.scalarText == "3")
    }

    @Test func undefinedAliasIsReported() {
        #expect(
            throws: DocumentParseError(mark: DocumentMark(line: 1, column: 4), reason: .undefinedAlias(name: "nope"))
        ) {
            try DocumentParser.parse("a: *nope\n")
        }
    }

    @Test func aliasBombIsStopped() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...7 {
            let previous = "*a\(level - 1)"
            let items = Array(repeating: previous, count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(items)]\n"
        }
        let expected = DocumentParseError.Reason.aliasExpansionTooLarge(limit: DocumentParser.maximumExpandedNodes)
        do {
            _ = try DocumentParser.parse(text)
            Issue.record("expected the expansion limit to stop parsing")
        } catch {
            #expect(error.reason == expected)
        }
    }

    @Test func syntaxErrorHasLineAndColumn() {
        do {
            _ = try DocumentParser.parse("a: 1\nb: [x, y\nc: 2\n")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.mark.line == 3)
            guard case .syntax(let problem, _) = error.reason else {
                Issue.record("expected a syntax reason, got \(error.reason)")
                return
            }
            #expect(!problem.isEmpty)
        }
    }

    @Test func complexKeyIsRejected() {
        #expect(throws: DocumentParseError.self) { try DocumentParser.parse("? [a, b]\n: c\n") }
    }

    @Test(arguments: [
        ("555555555555", ScalarKind.integer), ("0x1F", .integer), ("1_000", .integer), ("-12", .integer),
        ("1.5", .float), ("1e3", .float), (".inf", .float), ("1.", .float),
        ("yes", .boolean), ("Off", .boolean), ("true", .boolean),
        ("system:masters", .string), ("1.2.3", .string), ("arn:aws:iam::1:role/x", .string), ("-", .string),
    ])
    func plainScalarResolution(text: String, kind: ScalarKind) {
        #expect(DocumentScalar(text: text).resolvedKind == kind)
    }

    @Test func quotedNumberIsString() {
        #expect(DocumentScalar(text: "555555555555", style: .doubleQuoted).resolvedKind == .string)
    }
}
