import Testing

@testable import AuthAuditKit

@Suite struct RendererTests {
    /// NULLs, negative and real numbers, wide characters, and text with quotes, commas, a pipe and a newline.
    static let sample = ResultTable(
        columns: ["id", "name", "note", "score"],
        rows: [
            [.integer(1), .text("alice"), .text("plain"), .real(2.5)],
            [.integer(-20), .text("Zoë 日本"), .text("say \"hi\", then | pipe"), .null],
            [.null, .text(""), .text("line1\nline2"), .integer(100)],
        ])

    static let empty = ResultTable(columns: ["a", "b"])

    // MARK: - Table

    @Test func tableFull() {
        let expected = [
            " id  name      note                   score",
            "---  --------  ---------------------  -----",
            "  1  alice     plain" + String(repeating: " ", count: 20) + "2.5",
            "-20  Zoë 日本  say \"hi\", then | pipe",
            String(repeating: " ", count: 15) + "line1\\nline2" + String(repeating: " ", count: 13) + "100",
        ]
        #expect(TableRenderer().render(Self.sample) == expected.joined(separator: "\n") + "\n")
    }

    @Test func tableTruncatedToWidth() {
        let expected = [
            " id  name      note      score",
            "---  --------  --------  -----",
            "  1  alice     plain       2.5",
            "-20  Zoë 日本  say \"hi…",
            String(repeating: " ", count: 15) + "line1\\n…    100",
        ]
        #expect(TableRenderer(maximumWidth: 30).render(Self.sample) == expected.joined(separator: "\n") + "\n")
    }

    @Test func tableNeverNarrowerThanHeaders() {
        let expected = [
            " id  name  note  score",
            "---  ----  ----  -----",
            "  1  ali…  pla…    2.5",
            "-20  Zoë…  say…",
            String(repeating: " ", count: 11) + "lin…    100",
        ]
        #expect(TableRenderer(maximumWidth: 10).render(Self.sample) == expected.joined(separator: "\n") + "\n")
    }

    @Test func tableCutsWideCharactersWhole() {
        let table = ResultTable(columns: ["w", "n"], rows: [[.text("日本語x"), .integer(7)]])
        // Width 9 leaves 6 columns for "日本語x" (7 columns wide): two wide characters and the ellipsis.
        #expect(TableRenderer(maximumWidth: 9).render(table) == "w       n\n------  -\n日本…   7\n")
    }

    @Test func tableEscapesControlCharactersAndShowsBlobs() {
        let table = ResultTable(columns: ["agent", "raw"], rows: [[.text("\u{1B}[31mred\t\r"), .blob([0x00, 0xAB])]])
        let expected = [
            "agent" + String(repeating: " ", count: 12) + "raw",
            String(repeating: "-", count: 15) + "  -------",
            "\\x1b[31mred\\t\\r  x'00ab'",
        ]
        #expect(TableRenderer().render(table) == expected.joined(separator: "\n") + "\n")
    }

    @Test func tableEscapesC1ControlCharacters() {
        // U+009B (CSI) is two bytes in UTF-8, 0xC2 0x9B; U+00E9 shares the lead byte but is printable.
        let table = ResultTable(columns: ["text"], rows: [[.text("a\u{9B}2Jb")], [.text("caf\u{E9}")]])
        #expect(TableRenderer().render(table) == "text\n--------\na\\x9b2Jb\ncafé\n")
    }

    @Test func tableEmptyResult() {
        #expect(TableRenderer().render(Self.empty) == "a  b\n-  -\n")
    }

    @Test func tableNoColumns() {
        #expect(TableRenderer().render(ResultTable(columns: [])) == "")
    }

    // MARK: - JSON

    @Test func jsonFull() {
        let expected = """
            [
              {
                "id": 1,
                "name": "alice",
                "note": "plain",
                "score": 2.5
              },
              {
                "id": -20,
                "name": "Zoë 日本",
                "note": "say \\"hi\\", then | pipe",
                "score": null
              },
              {
                "id": null,
                "name": "",
                "note": "line1\\nline2",
                "score": 100
              }
            ]

            """
        #expect(Self.sample.rendered(as: .json) == expected)
    }

    @Test func jsonEscapesControlCharacters() {
        let table = ResultTable(
            columns: ["k\"ey"],
            rows: [[.text("a\\b\u{01}\u{08}\u{0C}\t\r\u{1F}\u{7F}")], [.real(.infinity)], [.blob([1])]])
        let expected = """
            [
              {
                "k\\"ey": "a\\\\b\\u0001\\b\\f\\t\\r\\u001f\u{7F}"
              },
              {
                "k\\"ey": null
              },
              {
                "k\\"ey": "01"
              }
            ]

            """
        #expect(table.rendered(as: .json) == expected)
    }

    @Test func jsonEmptyResult() {
        #expect(Self.empty.rendered(as: .json) == "[]\n")
    }

    // MARK: - CSV

    @Test func csvFull() {
        let expected = """
            id,name,note,score
            1,alice,plain,2.5
            -20,Zoë 日本,"say ""hi"", then | pipe",
            ,"","line1
            line2",100

            """
        #expect(Self.sample.rendered(as: .csv) == expected)
    }

    @Test func csvQuotesCarriageReturnAndHeader() {
        let table = ResultTable(columns: ["a,b", "c"], rows: [[.text("x\ry"), .text(" spaced ")]])
        #expect(table.rendered(as: .csv) == "\"a,b\",c\n\"x\ry\", spaced \n")
    }

    @Test func csvEmptyResult() {
        #expect(Self.empty.rendered(as: .csv) == "a,b\n")
    }

    // MARK: - Markdown

    @Test func markdownFull() {
        let expected = """
            | id | name | note | score |
            | ---: | --- | --- | ---: |
            | 1 | alice | plain | 2.5 |
            | -20 | Zoë 日本 | say "hi", then \\| pipe |  |
            |  |  | line1<br>line2 | 100 |

            """
        #expect(Self.sample.rendered(as: .markdown) == expected)
    }

    @Test func markdownEscapesBackslashBeforePipe() {
        let table = ResultTable(columns: ["a|b"], rows: [[.text("c\\|d\r\ne\u{1B}")]])
        #expect(table.rendered(as: .markdown) == "| a\\|b |\n| --- |\n| c\\\\\\|d<br>e\\x1b |\n")
    }

    @Test func tableShowsDirectionOverridesVisibly() {
        let table = ResultTable(columns: ["user"], rows: [[.text("admin\u{202E}nimda\u{2066}")]])
        #expect(table.rendered(as: .table) == "user\n----------------------\nadmin\\x202enimda\\x2066\n")
    }

    @Test func markdownEscapesMarkup() {
        let table = ResultTable(columns: ["a"], rows: [[.text("<script>x</script> &amp; *b*")]])
        #expect(table.rendered(as: .markdown) == "| a |\n| --- |\n| &lt;script&gt;x&lt;/script&gt; &amp;amp; *b* |\n")
    }

    @Test func markdownLineBreakForms() {
        let table = ResultTable(columns: ["a"], rows: [[.text("1\r\n2\r3\n4\n\r5\t6")]])
        #expect(table.rendered(as: .markdown) == "| a |\n| --- |\n| 1<br>2<br>3<br>4<br><br>5\\t6 |\n")
    }

    @Test func markdownEmptyResult() {
        #expect(Self.empty.rendered(as: .markdown) == "| a | b |\n| --- | --- |\n")
    }

    // MARK: - Format names

    @Test func formatParsedFromName() {
        #expect(OutputFormat(rawValue: "markdown") == .markdown)
        #expect(OutputFormat(rawValue: "html") == .html)
        #expect(OutputFormat(rawValue: "xml") == nil)
        #expect(OutputFormat.allCases.map(\.rawValue) == ["table", "json", "csv", "markdown", "html"])
    }

    @Test func streamingWriterMatchesWholeTable() {
        for format in OutputFormat.allCases {
            var writer = ResultWriter(format: format, terminalWidth: 30, output: "")
            Self.sample.write(to: &writer)
            #expect(writer.output == Self.sample.rendered(as: format, terminalWidth: 30), "\(format)")
        }
    }

    @Test func terminalWidthNilWhenNotATerminal() {
        // `swift test` writes the test process's standard output to a pipe, not a terminal.
        #expect(TerminalWidth.current(environment: ["COLUMNS": "100"]) == nil)
    }
}
