import Foundation
import Testing

@testable import AuthAuditKit

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Sample data and checks shared by the HTML and chart tests.
enum HTMLSamples {
    static let generatedAt = Timestamp(seconds: 1_724_509_627)  // 2024-08-24T14:27:07Z

    /// Every character that must be escaped, NULLs, numbers, a BLOB, a line break and a control character.
    static let table = ResultTable(
        columns: ["user <name>", "forbidden", "ratio", "note"],
        rows: [
            [.text("alice & bob"), .integer(12), .real(0.5), .text("say \"hi\" and 'bye'")],
            [.text("<script>alert(1)</script>"), .null, .real(2.25), .text("line1\r\nline2")],
            [.null, .integer(-3), .null, .text("\u{1B}[31mred")],
            [.text("blob"), .integer(0), .null, .blob([0x0A, 0x1B])],
        ])

    static let perGroup = BarChart(
        title: "Forbidden attempts per AD group",
        bars: [
            .init(label: "platform-admins", value: 42),
            .init(label: "dev <team> & \"friends\"", value: 17),
            .init(label: "readonly", value: 3),
        ])

    static func perDay(style: TimeSeriesChart.Style = .columns) -> TimeSeriesChart {
        let day: Int64 = 86_400
        let start: Int64 = 1_724_112_000  // 2024-08-20T00:00:00Z
        return TimeSeriesChart(
            title: "Forbidden attempts per day", bucket: .day, style: style, valueLabel: "forbidden attempts",
            points: [
                .init(time: Timestamp(seconds: start + 3_600), value: 5),
                .init(time: Timestamp(seconds: start + 7_200), value: 2),
                .init(time: Timestamp(seconds: start + day + 10), value: 11),
                .init(time: Timestamp(seconds: start + 4 * day), value: 4),
            ])
    }

    /// A page with every kind of section, as the summary page will combine them.
    static let page = HTMLReportPage(
        title: "Forbidden attempts <summary>", generatedAt: generatedAt,
        sections: [
            .paragraph("Requests answered 403 & why."),
            .chart(perDay(), caption: "Days without attempts show no column."),
            .chart(perGroup),
            .heading("Details"),
            .table(table, caption: "Forbidden requests"),
            .table(ResultTable(columns: ["empty"]), caption: "No rows here"),
        ])
}

/// An XML parser run that records the first error and every element name, so tests can prove markup is
/// well-formed XML.
final class XMLCheck: NSObject, XMLParserDelegate {
    private(set) var elements: [String] = []
    /// The attributes of each element, in document order.
    private(set) var attributes: [(element: String, values: [String: String])] = []
    private(set) var texts: [String: [String]] = [:]
    private var currentElement: [String] = []
    private(set) var error: Error?

    static func parse(_ markup: String) -> XMLCheck {
        let check = XMLCheck()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = check
        if !parser.parse() {
            check.error = check.error ?? parser.parserError
        }
        return check
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.append(elementName)
        self.attributes.append((elementName, attributes))
        currentElement.append(elementName)
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        currentElement.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard let element = currentElement.last else { return }
        texts[element, default: []].append(string)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        error = error ?? parseError
    }
}

extension XMLCheck {
    /// Returns the attribute values of every element with the name, in document order.
    func attributes(of element: String) -> [[String: String]] {
        attributes.filter { $0.element == element }.map(\.values)
    }
}

extension String {
    /// Counts the occurrences of `part`, without overlaps.
    func occurrences(of part: String) -> Int {
        components(separatedBy: part).count - 1
    }
}

extension HTMLSamples {
    /// A page with many rows and a table wider than a laptop screen, for looking at the layout.
    static var previewPage: HTMLReportPage {
        let groups = ["platform-admins", "developers", "readonly", "sre-oncall", "data-team", "contractors"]
        let people = ["alice.nguyen", "bob.smith", "carol.jones", "dave.o'brien", "erin <ext>", "frank & co"]
        var rows: [[SQLiteValue]] = []
        for index in 0..<40 {
            rows.append([
                .text(TimestampFormatter.formatSeconds(Timestamp(seconds: 1_724_112_000 + Int64(index) * 4_111))),
                .text(people[index % people.count]),
                index % 7 == 3 ? .null : .text(groups[index % groups.count]),
                .text("arn:aws:iam::123456789012:role/AWSReservedSSO_PowerUser_0123456789abcdef"),
                .text(["get", "list", "delete", "create"][index % 4]),
                .text(["secrets", "pods", "configmaps", "clusterrolebindings"][index % 4]),
                .text("kube-system"),
                .integer(403),
                .integer(Int64(index * 37 % 1_000)),
                .real(Double(index % 9) / 4),
                .text("kubectl/v1.30.2 (linux/amd64) kubernetes/3968350"),
                .text(
                    "pods \"web-\(index)\" is forbidden: User \"\(people[index % people.count])\" cannot "
                        + "delete resource \"pods\" in API group \"\" in the namespace \"kube-system\""),
            ])
        }
        let wide = ResultTable(
            columns: [
                "time", "person", "group", "role_arn", "verb", "resource", "namespace", "code", "count", "ratio",
                "user_agent", "message",
            ],
            rows: rows)
        let perPerson = BarChart(
            title: "Forbidden attempts per person",
            bars: people.enumerated().map { .init(label: $0.element, value: Double(60 / ($0.offset + 1))) })
        var hourly: [TimeSeriesChart.Point] = []
        for hour in 0..<72 where hour % 5 != 0 {
            hourly.append(
                .init(time: Timestamp(seconds: 1_724_112_000 + Int64(hour) * 3_600), value: Double(hour % 13)))
        }
        return HTMLReportPage(
            title: "Forbidden attempts", generatedAt: generatedAt,
            sections: [
                .chart(perDay(), caption: "Days without attempts show no column."),
                .chart(
                    TimeSeriesChart(
                        title: "Forbidden attempts per hour", bucket: .hour, style: .line,
                        valueLabel: "forbidden attempts", points: hourly)),
                .chart(perGroup),
                .chart(perPerson),
                .table(wide, caption: "Forbidden requests"),
                .table(table, caption: "Escaping sample"),
                .table(ResultTable(columns: ["empty"]), caption: "An empty result"),
            ])
    }
}
