import Testing

@testable import AuthAuditKit

@Suite struct TimeSeriesChartTests {
    let svg = HTMLSamples.perDay().renderSVG()

    @Test func wellFormedXML() {
        let check = XMLCheck.parse(svg)
        #expect(check.error == nil)
        #expect(check.elements.first == "svg")
        #expect(check.attributes(of: "svg").first?["role"] == "img")
        #expect(check.elements.dropFirst().first == "title")
    }

    @Test func lineStyleWellFormedXML() {
        #expect(XMLCheck.parse(HTMLSamples.perDay(style: .line).renderSVG()).error == nil)
    }

    @Test func columnPerNonEmptyBucket() {
        let titles = XMLCheck.parse(svg).texts["title"] ?? []
        #expect(titles == ["Forbidden attempts per day", "2024-08-20: 7", "2024-08-21: 11", "2024-08-24: 4"])
    }

    @Test func gapsKeepTimeAxisLinear() throws {
        let xs = XMLCheck.parse(svg).attributes(of: "rect").compactMap { $0["x"].flatMap(Double.init) }
        try #require(xs.count == 3)
        #expect(abs((xs[2] - xs[1]) - 3 * (xs[1] - xs[0])) < 0.05)
    }

    @Test func everyDayLabelled() {
        let texts = XMLCheck.parse(svg).texts["text"] ?? []
        for day in 20...24 {
            #expect(texts.contains("2024-08-\(day)"))
        }
        #expect(texts.contains("Day (UTC)"))
        #expect(texts.contains("forbidden attempts"))
    }

    @Test func valueAxisTicks() {
        let texts = XMLCheck.parse(svg).texts["text"] ?? []
        for tick in ["0", "5", "10", "15"] {
            #expect(texts.contains(tick))
        }
    }

    @Test func descriptionSummarises() {
        let expected =
            "<desc>forbidden attempts per day (UTC) from 2024-08-20 to 2024-08-24."
            + " Total 22; highest 11 at 2024-08-21.</desc>"
        #expect(svg.contains(expected))
    }

    @Test func hourLabels() {
        let chart = TimeSeriesChart(
            title: "t", bucket: .hour, points: [.init(time: Timestamp(seconds: 1_724_112_000 + 3_700), value: 1)])
        #expect(chart.renderSVG().contains("<title>08-20 01:00: 1</title>"))
    }

    @Test func lineDropsToZeroAcrossGaps() throws {
        let check = XMLCheck.parse(HTMLSamples.perDay(style: .line).renderSVG())
        let points = try #require(check.attributes(of: "polyline").first?["points"])
        // Buckets 20 and 21 have values, 22 and 23 are the zero edges of the gap, 24 has a value.
        #expect(points.split(separator: " ").count == 5)
        #expect(check.attributes(of: "circle").count == 3)
    }

    @Test func pointOrderDoesNotMatter() {
        var chart = HTMLSamples.perDay()
        chart.points.reverse()
        #expect(chart.renderSVG() == svg)
    }

    @Test func distantPointKeepsMarkupSmall() {
        let chart = TimeSeriesChart(
            title: "t", bucket: .hour,
            points: [
                .init(time: Timestamp(seconds: 0), value: 1), .init(time: Timestamp(seconds: 1_724_112_000), value: 2),
            ])
        let svg = chart.renderSVG()
        #expect(XMLCheck.parse(svg).error == nil)
        #expect(svg.utf8.count < 10_000)
    }

    @Test func emptyChartSaysNoData() {
        let svg = TimeSeriesChart(title: "t", bucket: .day, points: []).renderSVG()
        #expect(XMLCheck.parse(svg).error == nil)
        #expect(svg.contains(">No data</text>"))
    }

    @Test func bucketNumberRoundsDownBeforeEpoch() {
        #expect(TimeSeriesBuckets.number(of: Timestamp(microseconds: -1), length: 86_400_000_000) == -1)
        #expect(TimeSeriesBuckets.number(of: Timestamp(microseconds: 0), length: 86_400_000_000) == 0)
    }

    @Test func deterministic() {
        #expect(HTMLSamples.perDay().renderSVG() == svg)
    }
}
