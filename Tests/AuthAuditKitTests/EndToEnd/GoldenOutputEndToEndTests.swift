import Foundation
import Testing

/// Exact output compared with files in `Tests/Fixtures/e2e/`.
///
/// To re-record, run `AUTHAUDIT_RECORD_GOLDEN=1 swift test --filter GoldenOutputEndToEnd`. A recording
/// run writes the files and then fails on purpose, so that someone reviews `git diff` before committing.
@Suite struct GoldenOutputEndToEndTests {
    static var isRecording: Bool {
        ProcessInfo.processInfo.environment["AUTHAUDIT_RECORD_GOLDEN"] == "1"
    }

    /// The table `report forbidden` prints for samples/. Standard output is a pipe, not a terminal,
    /// so no column is truncated to a terminal width.
    @Test func forbiddenTableForSamples() throws {
        let sandbox = try EndToEndSandbox()
        let ingest = try sandbox.run(["ingest", SamplesEndToEndTests.samplesPath])
        try #require(ingest.status == 0, "ingest samples/ failed: \(ingest.standardError)")

        let result = try sandbox.run(["report", "forbidden"])

        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardError.isEmpty)
        try Self.compare(result.standardOutput, withGolden: "e2e/forbidden.golden.txt")
    }

    /// Compares `actual` with the golden file, or writes it when recording.
    static func compare(_ actual: String, withGolden name: String) throws {
        let path = Fixtures.path(name)
        if isRecording {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record("Recorded \(name). Review the diff, then run again without AUTHAUDIT_RECORD_GOLDEN.")
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(actual == expected, "\(firstDifference(actual, expected)); re-record with AUTHAUDIT_RECORD_GOLDEN=1")
    }

    /// Describes the first line where the two texts differ, with both versions of it.
    static func firstDifference(_ actual: String, _ expected: String) -> String {
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(actualLines.count, expectedLines.count) {
            let actualLine = index < actualLines.count ? String(actualLines[index]) : "<end of output>"
            let expectedLine = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
            if actualLine != expectedLine {
                return "line \(index + 1) differs:\n  actual:   \(actualLine)\n  expected: \(expectedLine)"
            }
        }
        return "no line differs"
    }
}
