import Testing

@testable import AuthAuditKit

@Suite struct HTMLTableRendererTests {
    let html = HTMLTableRenderer().render(HTMLSamples.table, caption: "Forbidden <requests>")

    @Test func headerEscapedAndAligned() {
        let header =
            "<tr><th scope=\"col\">user &lt;name&gt;</th><th scope=\"col\" class=\"num\">forbidden</th>"
            + "<th scope=\"col\" class=\"num\">ratio</th><th scope=\"col\">note</th></tr>"
        #expect(html.contains(header))
    }

    @Test func cellsEscaped() {
        let row =
            "<tr><td>alice &amp; bob</td><td class=\"num\">12</td><td class=\"num\">0.5</td>"
            + "<td>say &quot;hi&quot; and &#39;bye&#39;</td></tr>"
        #expect(html.contains(row))
        #expect(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"))
        #expect(!html.contains("<script"))
    }

    @Test func nullIsEmptyCell() {
        #expect(html.contains("<tr><td></td><td class=\"num\">-3</td><td class=\"num\"></td>"))
        #expect(html.contains("<td class=\"num\"></td><td class=\"num\">2.25</td>"))
    }

    @Test func lineBreaksKeptControlsEscaped() {
        #expect(html.contains("<td>line1\nline2</td>"))
        #expect(html.contains("<td>\\x1b[31mred</td>"))
    }

    @Test func blobShownAsHexLiteral() {
        #expect(html.contains("<td>x&#39;0a1b&#39;</td>"))
    }

    @Test func longTextColumnWraps() {
        let table = ResultTable(
            columns: ["short", "long"],
            rows: [[.text("a"), .text("b")], [.text("c"), .text(String(repeating: "x ", count: 31))]])
        let html = HTMLTableRenderer().render(table, caption: nil)
        #expect(html.contains("<th scope=\"col\">short</th><th scope=\"col\" class=\"wrap\">long</th>"))
        #expect(html.contains("<tr><td>a</td><td class=\"wrap\">b</td></tr>"))
    }

    @Test func longTokenStaysOnOneLine() {
        let arn = "arn:aws:iam::111122223333:role/AWSReservedSSO_AWS-EKS-Admins_3f2e91c07a5b68d4"
        let table = ResultTable(columns: ["arn"], rows: [[.text(arn)]])
        #expect(!HTMLTableRenderer().render(table, caption: nil).contains("wrap"))
    }

    @Test func textAtWrappingWidthStaysOnOneLine() {
        let table = ResultTable(columns: ["t"], rows: [[.text(String(repeating: "x ", count: 30))]])
        #expect(!HTMLTableRenderer().render(table, caption: nil).contains("wrap"))
    }

    @Test func captionAndRowCount() {
        #expect(html.contains("<caption>Forbidden &lt;requests&gt;</caption>"))
        #expect(html.contains("<p class=\"row-count\">4 rows.</p>"))
    }

    @Test func captionLeftOutWhenNil() {
        #expect(!HTMLTableRenderer().render(HTMLSamples.table, caption: nil).contains("<caption"))
    }

    @Test func tableInsideScrollBox() {
        #expect(html.hasPrefix("<div class=\"table-scroll\">\n<table>\n"))
    }

    @Test func emptyTableKeepsHeader() {
        let html = HTMLTableRenderer().render(ResultTable(columns: ["a", "b"]), caption: nil)
        #expect(html.contains("<tr><th scope=\"col\">a</th><th scope=\"col\">b</th></tr>"))
        #expect(html.contains("<tbody>\n</tbody>"))
        #expect(html.contains("<p class=\"row-count\">No rows.</p>"))
    }

    @Test func oneRowSingular() {
        let table = ResultTable(columns: ["n"], rows: [[.integer(1)]])
        #expect(HTMLTableRenderer().render(table, caption: nil).contains("<p class=\"row-count\">1 row.</p>"))
    }

    @Test func noColumnsMessage() {
        let html = HTMLTableRenderer().render(ResultTable(columns: []), caption: nil)
        #expect(html == "<p class=\"no-rows\">The statement returned no columns.</p>\n")
    }

    @Test func tableIsWellFormedXML() {
        // The fragment is the scroll box and the row count, so it needs a root element to be a document.
        let check = XMLCheck.parse("<section>" + html + "</section>")
        #expect(check.error == nil)
        #expect(check.elements.filter { $0 == "tr" }.count == 5)
    }
}
