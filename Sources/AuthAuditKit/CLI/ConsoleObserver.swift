/// Prints ingest diagnostics to standard error, with a cap per input, and a progress line on a terminal.
final class ConsoleObserver: IngestObserver {
    /// Diagnostics printed per input before the rest are only counted.
    static let diagnosticsPerSource = 20

    private let isVerbose: Bool
    private let showsProgress: Bool
    private var printedPerSource: [String: Int] = [:]
    private var suppressedPerSource: [String: Int] = [:]
    private var progressIsVisible = false
    private var currentTotal: Int64?
    private var lastDrawn: Int64 = 0

    init(isVerbose: Bool, showsProgress: Bool) {
        self.isVerbose = isVerbose
        self.showsProgress = showsProgress
    }

    /// Prints a diagnostic unless its input has had its share. One without a line number is about
    /// the whole input (corrupt gzip data, an unknown format), which often explains the line errors
    /// before it, so it is always printed.
    func ingest(didReport diagnostic: Diagnostic) {
        let printed = printedPerSource[diagnostic.source, default: 0]
        guard isVerbose || printed < Self.diagnosticsPerSource || diagnostic.line == nil else {
            suppressedPerSource[diagnostic.source, default: 0] += 1
            return
        }
        printedPerSource[diagnostic.source] = printed + 1
        clearProgress()
        Console.error(DiagnosticRenderer.render(diagnostic))
    }

    func ingest(didStart source: String, kind: String, totalBytes: Int64?) {
        currentTotal = totalBytes
        lastDrawn = 0
        if isVerbose {
            clearProgress()
            Console.error("authaudit: reading \(source) (\(kind))")
        }
        draw(source: source, bytesRead: 0, records: 0)
    }

    func ingest(didProgress source: String, bytesRead: Int64, records: Int) {
        let now = Clock.now().microseconds
        guard now - lastDrawn > 100_000 else { return }
        lastDrawn = now
        draw(source: source, bytesRead: bytesRead, records: records)
    }

    func ingestDidFinishSource(_ source: String) {
        clearProgress()
        if let suppressed = suppressedPerSource.removeValue(forKey: source) {
            Console.error("\(source): note: \(suppressed) more diagnostics not shown (use --verbose to see all)")
        }
    }

    func ingest(didSkip input: SkippedInput) {
        guard isVerbose else { return }
        clearProgress()
        switch input.reason {
        case .sameFile(let other):
            Console.error("\(input.path): note: the same file as \(other); read once")
        case .compressedCopy(let original):
            Console.error("\(input.path): note: a compressed copy of \(original), which is read instead")
        }
    }

    private func draw(source: String, bytesRead: Int64, records: Int) {
        guard showsProgress else { return }
        var line = "authaudit: \(source)"
        if let total = currentTotal, total > 0 {
            let percent = min(100, Int(bytesRead * 100 / total))
            let width = 20
            let filled = percent * width / 100
            line += " [" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "]"
            line += " \(percent)%"
        }
        line += " \(records) records"
        Console.error("\r\u{1B}[K" + line, terminator: "")
        progressIsVisible = true
    }

    private func clearProgress() {
        guard progressIsVisible else { return }
        Console.error("\r\u{1B}[K", terminator: "")
        progressIsVisible = false
    }
}
