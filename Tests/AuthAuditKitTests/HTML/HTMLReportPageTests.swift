import Foundation
import Testing

@testable import AuthAuditKit

@Suite struct HTMLReportPageTests {
    let html = HTMLSamples.page.render()

    @Test func documentShape() {
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"))
        #expect(html.hasSuffix("</main>\n</body>\n</html>\n"))
    }

    @Test func titleEscapedInHeadAndHeading() {
        #expect(html.contains("<title>Forbidden attempts &lt;summary&gt;</title>"))
        #expect(html.contains("<h1>Forbidden attempts &lt;summary&gt;</h1>"))
    }

    @Test func generationTimeShown() {
        #expect(html.contains("Generated <time datetime=\"2024-08-24T14:27:07Z\">2024-08-24T14:27:07Z</time>"))
    }

    @Test func generationTimeLeftOutWhenNil() {
        let page = HTMLReportPage(title: "t", generatedAt: nil, sections: [])
        #expect(!page.render().contains("Generated"))
    }

    @Test func sectionsInOrder() {
        let markers = [
            "<p>Requests answered 403 &amp; why.</p>",
            "<h2>Forbidden attempts per day</h2>",
            "<figcaption>Days without attempts show no column.</figcaption>",
            "<h2>Forbidden attempts per AD group</h2>",
            "<h2>Details</h2>",
            "<caption>Forbidden requests</caption>",
            "<caption>No rows here</caption>",
        ]
        let positions = markers.map { html.range(of: $0)?.lowerBound }
        #expect(!positions.contains(nil))
        let found = positions.compactMap { $0 }
        #expect(found == found.sorted())
    }

    @Test func chartsInline() {
        #expect(html.occurrences(of: "<svg class=\"chart\" role=\"img\"") == 2)
    }

    @Test func styleInline() {
        #expect(html.contains("<style>\n"))
        #expect(html.contains("position: sticky"))
        #expect(html.contains("@media print"))
        #expect(html.contains("nth-child(even)"))
    }

    @Test func pageIsWellFormedXML() {
        let check = XMLCheck.parse(html)
        #expect(check.error == nil)
        #expect(check.elements.first == "html")
    }

    @Test func pageLoadsNothingElse() {
        let lowercased = html.lowercased()
        for forbidden in ["http://", "https://", "<script", "src=", "href=", "url(", "@import", "<link"] {
            #expect(!lowercased.contains(forbidden), "page contains \(forbidden)")
        }
    }

    @Test func renderingDeterministic() {
        #expect(HTMLSamples.page.render() == html)
    }

    /// Writes the preview page to the path in `AUTHAUDIT_HTML_PREVIEW`, for a look in a browser or with
    /// scripts/render-html-check.sh; does nothing when the variable is unset.
    @Test func writesPreviewWhenRequested() throws {
        guard let path = ProcessInfo.processInfo.environment["AUTHAUDIT_HTML_PREVIEW"] else { return }
        try HTMLSamples.previewPage.render().write(toFile: path, atomically: true, encoding: .utf8)
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
