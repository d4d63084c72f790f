/// Horizontal bars, one per label, with the value written after each bar: for example forbidden attempts
/// per AD group or per person. Bars keep the order given, so sort them before (a report's `ORDER BY`).
public struct BarChart: SVGChart, Equatable {
    public struct Bar: Sendable, Equatable {
        public var label: String
        public var value: Double

        public init(label: String, value: Double) {
            self.label = label
            self.value = value
        }
    }

    public var title: String
    public var bars: [Bar]
    /// The width of the drawing in CSS pixels; the page's stylesheet shrinks it on narrow screens.
    public var width: Double

    public init(title: String, bars: [Bar], width: Double = 720) {
        self.title = title
        self.bars = bars
        self.width = width
    }

    /// Bars from two columns of a result: the label from `labelColumn` (NULL as `NULL`) and the value
    /// from `valueColumn`. A value that is NULL or text that is not a number counts as zero.
    public init(title: String, table: ResultTable, labelColumn: Int = 0, valueColumn: Int = 1, width: Double = 720) {
        precondition(table.columns.indices.contains(labelColumn), "label column \(labelColumn) out of range")
        precondition(table.columns.indices.contains(valueColumn), "value column \(valueColumn) out of range")
        let bars = table.rows.map { row in
            let label = row[labelColumn] == .null ? "NULL" : CellText.plain(row[labelColumn])
            return Bar(label: label, value: Self.number(row[valueColumn]))
        }
        self.init(title: title, bars: bars, width: width)
    }

    private static func number(_ value: SQLiteValue) -> Double {
        switch value {
        case .integer(let number): Double(number)
        case .real(let number): number
        case .text(let text): Double(text) ?? 0
        case .null, .blob: 0
        }
    }

    // MARK: - Layout

    private static let rowHeight = 24.0
    private static let barHeight = 16.0
    private static let padding = 8.0
    private static let maximumLabelWidth = 260.0

    public func renderSVG() -> String {
        guard !bars.isEmpty else { return emptySVG() }
        let valueTexts = bars.map { ChartNumberText.format($0.value) }
        let labelWidth = min(bars.map { SVGMarkup.textWidth($0.label) }.max() ?? 0, Self.maximumLabelWidth)
        let valueWidth = valueTexts.map(SVGMarkup.textWidth).max() ?? 0
        let barStart = Self.padding + labelWidth + Self.padding
        let barSpace = max(width - barStart - Self.padding - valueWidth - Self.padding, 1)
        // Negative values draw no bar; their value is still written.
        let largest = bars.map(\.value).filter(\.isFinite).max() ?? 0
        let scale = largest > 0 ? barSpace / largest : 0
        let height = Double(bars.count) * Self.rowHeight + 2 * Self.padding

        var svg = SVGMarkup.open(width: width, height: height, title: title, description: description())
        for (index, bar) in bars.enumerated() {
            let top = Self.padding + Double(index) * Self.rowHeight
            let middle = top + Self.rowHeight / 2
            let length = bar.value.isFinite && bar.value > 0 ? bar.value * scale : 0
            let label = SVGMarkup.truncated(bar.label, toWidth: labelWidth)
            svg += "<g>"
            svg += "<title>\(HTMLText.escaped(bar.label)): \(valueTexts[index])</title>"
            svg += "<text x=\"\(SVGMarkup.number(barStart - Self.padding))\" y=\"\(SVGMarkup.number(middle))\""
            svg += " dy=\"0.35em\" text-anchor=\"end\">\(HTMLText.escaped(label))</text>"
            svg += "<rect x=\"\(SVGMarkup.number(barStart))\" y=\"\(SVGMarkup.number(middle - Self.barHeight / 2))\""
            svg += " width=\"\(SVGMarkup.number(length))\" height=\"\(SVGMarkup.number(Self.barHeight))\""
            svg += " fill=\"\(SVGMarkup.barColor)\"/>"
            svg += "<text x=\"\(SVGMarkup.number(barStart + length + 4))\" y=\"\(SVGMarkup.number(middle))\""
            svg += " dy=\"0.35em\" fill=\"\(SVGMarkup.mutedTextColor)\">\(valueTexts[index])</text>"
            svg += "</g>\n"
        }
        return svg + SVGMarkup.close
    }

    /// Summarises the bars in text for screen readers and for readers of the page without the drawing.
    private func description() -> String {
        let count = bars.count == 1 ? "1 bar" : "\(bars.count) bars"
        guard let top = bars.max(by: { $0.value < $1.value }) else { return "No data." }
        return "\(count). Largest: \(top.label), \(ChartNumberText.format(top.value))."
    }

    private func emptySVG() -> String {
        let height = 2 * Self.rowHeight
        return SVGMarkup.open(width: width, height: height, title: title, description: "No data.")
            + "<text x=\"\(SVGMarkup.number(Self.padding))\" y=\"\(SVGMarkup.number(Self.rowHeight))\" dy=\"0.35em\""
            + " fill=\"\(SVGMarkup.mutedTextColor)\">No data</text>\n"
            + SVGMarkup.close
    }
}
