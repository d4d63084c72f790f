import Testing

@testable import AuthAuditKit

@Suite struct HTMLResultWriterTests {
    @Test func formatNamedHTML() {
        #expect(OutputFormat(rawValue: "html") == .html)
        #expect(!OutputFormat.html.isStreaming)
    }

    @Test func writerRendersOnePage() {
        var writer = ResultWriter(
            format: .html, title: "Forbidden <requests>", generatedAt: HTMLSamples.generatedAt, output: "")
        HTMLSamples.table.write(to: &writer)
        let expected = HTMLReportPage(
            title: "Forbidden <requests>", generatedAt: HTMLSamples.generatedAt, sections: [.table(HTMLSamples.table)]
        ).render()
        #expect(writer.output == expected)
    }

    @Test func writerOutputIsOneWellFormedPage() {
        var writer = ResultWriter(format: .html, output: "")
        HTMLSamples.table.write(to: &writer)
        #expect(writer.output.occurrences(of: "<!DOCTYPE html>") == 1)
        #expect(writer.output.contains("<title>authaudit report</title>"))
        #expect(XMLCheck.parse(writer.output).error == nil)
    }

    @Test func nothingWrittenBeforeEnd() {
        var writer = ResultWriter(format: .html, output: "")
        writer.begin(columns: ["a"])
        writer.append(row: [.integer(1)])
        #expect(writer.output.isEmpty)
    }

    @Test func emptyResultStillAPage() {
        let html = ResultTable(columns: ["a"]).rendered(as: .html)
        #expect(html.contains("<p class=\"row-count\">No rows.</p>"))
        #expect(html.hasSuffix("</html>\n"))
    }
}
