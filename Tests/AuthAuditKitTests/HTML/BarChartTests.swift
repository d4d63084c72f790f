import Testing

@testable import AuthAuditKit

@Suite struct BarChartTests {
    let svg = HTMLSamples.perGroup.renderSVG()

    @Test func wellFormedXML() {
        let check = XMLCheck.parse(svg)
        #expect(check.error == nil)
        #expect(check.elements.first == "svg")
    }

    @Test func accessibleNameFirst() {
        let check = XMLCheck.parse(svg)
        #expect(check.attributes(of: "svg").first?["role"] == "img")
        #expect(check.elements.dropFirst().first == "title")
        #expect(
            svg.contains(
                "<title>Forbidden attempts per AD group</title>\n<desc>3 bars. Largest: platform-admins, 42.</desc>"))
    }

    @Test func oneRectPerBar() {
        #expect(XMLCheck.parse(svg).attributes(of: "rect").count == 3)
    }

    @Test func barLengthsProportional() throws {
        let widths = XMLCheck.parse(svg).attributes(of: "rect").compactMap { $0["width"].flatMap(Double.init) }
        try #require(widths.count == 3)
        #expect(abs(widths[1] / widths[0] - 17.0 / 42.0) < 0.001)
        #expect(abs(widths[2] / widths[0] - 3.0 / 42.0) < 0.001)
    }

    @Test func labelsAndValuesEscaped() {
        #expect(svg.contains("dev &lt;team&gt; &amp; &quot;friends&quot;</text>"))
        #expect(svg.contains("<title>dev &lt;team&gt; &amp; &quot;friends&quot;: 17</title>"))
        #expect(svg.contains(">42</text>"))
    }

    @Test func longLabelCutFullLabelInTitle() {
        let label = String(repeating: "very-long-group-name-", count: 10)
        let svg = BarChart(title: "t", bars: [.init(label: label, value: 1)]).renderSVG()
        #expect(svg.contains("<title>\(label): 1</title>"))
        #expect(svg.contains("…</text>"))
        #expect(!svg.contains(">\(label)</text>"))
    }

    @Test func negativeValueDrawsNoBar() {
        let svg = BarChart(title: "t", bars: [.init(label: "a", value: 4), .init(label: "b", value: -2)]).renderSVG()
        let widths = XMLCheck.parse(svg).attributes(of: "rect").map { $0["width"] }
        #expect(widths.last == "0")
        #expect(svg.contains(">-2</text>"))
    }

    @Test func fractionalValuesKept() {
        let svg = BarChart(title: "t", bars: [.init(label: "a", value: 2.5)]).renderSVG()
        #expect(svg.contains(">2.5</text>"))
    }

    @Test func emptyChartSaysNoData() {
        let svg = BarChart(title: "Nothing", bars: []).renderSVG()
        #expect(XMLCheck.parse(svg).error == nil)
        #expect(svg.contains(">No data</text>"))
        #expect(svg.contains("<desc>No data.</desc>"))
    }

    @Test func barsFromTable() {
        let table = ResultTable(
            columns: ["group", "attempts"],
            rows: [[.text("admins"), .integer(9)], [.null, .real(1.5)], [.text("text"), .text("7")]])
        let chart = BarChart(title: "t", table: table)
        let expected: [BarChart.Bar] = [
            .init(label: "admins", value: 9), .init(label: "NULL", value: 1.5), .init(label: "text", value: 7),
        ]
        #expect(chart.bars == expected)
    }

    @Test func deterministic() {
        #expect(HTMLSamples.perGroup.renderSVG() == svg)
    }

    @Test func noExternalReferences() {
        for forbidden in ["http://", "https://", "<script", "href", "id="] {
            #expect(!svg.contains(forbidden), "chart contains \(forbidden)")
        }
    }
}
