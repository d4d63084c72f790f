/// Counts per hour or per day (UTC) as columns or a line, with a value axis and time labels: for
/// example forbidden attempts per day.
///
/// Points are summed into buckets, and buckets without a point count as zero, so the time axis is
/// linear even where the data has gaps. The markup grows with the number of points, not with the
/// time span: a stray point years away from the rest makes the other columns thin, not the page large.
public struct TimeSeriesChart: SVGChart, Equatable {
    public enum Bucket: Sendable, Equatable {
        case hour
        case day

        var microseconds: Int64 {
            switch self {
            case .hour: 3_600_000_000
            case .day: 86_400_000_000
            }
        }

        /// Bucket counts between labels, smallest first; multiples of 6 hours keep hourly labels on
        /// round times of day.
        var labelStrides: [Int64] {
            switch self {
            case .hour: [1, 2, 3, 6, 12, 24, 48, 72, 168, 336, 720, 1440, 2880, 8760]
            case .day: [1, 2, 7, 14, 28, 56, 91, 182, 364, 728, 1820, 3640]
            }
        }
    }

    public enum Style: Sendable, Equatable {
        case columns
        case line
    }

    public struct Point: Sendable, Equatable {
        /// Any time inside the bucket; the chart rounds it down to the start of its hour or day.
        public var time: Timestamp
        public var value: Double

        public init(time: Timestamp, value: Double) {
            self.time = time
            self.value = value
        }
    }

    public var title: String
    public var bucket: Bucket
    public var style: Style
    /// The name of what is counted, written along the value axis (`forbidden attempts`).
    public var valueLabel: String
    public var points: [Point]
    /// The width of the drawing in CSS pixels; the page's stylesheet shrinks it on narrow screens.
    public var width: Double

    public init(
        title: String, bucket: Bucket, style: Style = .columns, valueLabel: String = "count", points: [Point],
        width: Double = 720
    ) {
        self.title = title
        self.bucket = bucket
        self.style = style
        self.valueLabel = valueLabel
        self.points = points
        self.width = width
    }

    public func renderSVG() -> String {
        let series = TimeSeriesBuckets(points: points, bucket: bucket)
        guard let first = series.first, let last = series.last else { return emptySVG() }
        let integral = points.allSatisfy { $0.value == $0.value.rounded() }
        let scale = ChartScale(largest: series.totals.values.max() ?? 0, integral: integral)
        let layout = TimeSeriesLayout(
            width: width, bucketCount: Int(last - first + 1), tickLabels: scale.ticks.map(scale.label))

        var svg = SVGMarkup.open(
            width: layout.width, height: layout.height, title: title, description: description(series))
        svg += layout.valueAxis(scale: scale, title: valueLabel)
        svg += layout.timeAxis(first: first, last: last, bucket: bucket, labelText: label(ofBucket:))
        switch style {
        case .columns: svg += columns(series, layout: layout, scale: scale)
        case .line: svg += line(series, layout: layout, scale: scale)
        }
        return svg + SVGMarkup.close
    }

    // MARK: - Marks

    private func columns(_ series: TimeSeriesBuckets, layout: TimeSeriesLayout, scale: ChartScale) -> String {
        let columnWidth = layout.bucketWidth
        let gap = columnWidth >= 4 ? min(columnWidth * 0.2, 4) : 0
        var svg = ""
        for (number, value) in series.sorted where value > 0 {
            let left = layout.x(ofBucketStart: number - series.first!)
            let top = layout.y(of: value, scale: scale)
            svg += "<rect x=\"\(SVGMarkup.number(left + gap / 2))\" y=\"\(SVGMarkup.number(top))\""
            svg += " width=\"\(SVGMarkup.number(max(columnWidth - gap, 0.5)))\""
            svg += " height=\"\(SVGMarkup.number(layout.plotBottom - top))\" fill=\"\(SVGMarkup.barColor)\">"
            svg += "<title>\(label(ofBucket: number)): \(ChartNumberText.format(value))</title></rect>\n"
        }
        return svg
    }

    /// Draws a line through the middle of each bucket, dropping to zero on both sides of a gap, with a marker
    /// on each non-zero bucket.
    private func line(_ series: TimeSeriesBuckets, layout: TimeSeriesLayout, scale: ChartScale) -> String {
        var vertices: [(x: Double, y: Double)] = []
        var markers = ""
        for (number, value) in series.pointsWithGapEdges() {
            let x = layout.x(ofBucketStart: number - series.first!) + layout.bucketWidth / 2
            let y = layout.y(of: value, scale: scale)
            vertices.append((x, y))
            guard value > 0 else { continue }
            markers += "<circle cx=\"\(SVGMarkup.number(x))\" cy=\"\(SVGMarkup.number(y))\" r=\"3\""
            markers += " fill=\"\(SVGMarkup.barColor)\">"
            markers += "<title>\(label(ofBucket: number)): \(ChartNumberText.format(value))</title></circle>\n"
        }
        let coordinates = vertices.map { SVGMarkup.number($0.x) + "," + SVGMarkup.number($0.y) }
        var svg = "<polyline points=\"\(coordinates.joined(separator: " "))\" fill=\"none\""
        svg += " stroke=\"\(SVGMarkup.barColor)\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n"
        return svg + markers
    }

    // MARK: - Text

    /// Formats the bucket's start: `2024-08-24` for a day, `08-24 14:00` for an hour.
    private func label(ofBucket number: Int64) -> String {
        let text = TimestampFormatter.formatSeconds(Timestamp(microseconds: number * bucket.microseconds))
        switch bucket {
        case .day: return String(text.prefix(10))
        case .hour: return String(text.dropFirst(5).prefix(5)) + " " + String(text.dropFirst(11).prefix(5))
        }
    }

    private func description(_ series: TimeSeriesBuckets) -> String {
        let unit = bucket == .day ? "day" : "hour"
        var text = "\(valueLabel) per \(unit) (UTC) from \(label(ofBucket: series.first!))"
        text += " to \(label(ofBucket: series.last!)). Total \(ChartNumberText.format(series.total))"
        if let busiest = series.sorted.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) {
            text += "; highest \(ChartNumberText.format(busiest.value)) at \(label(ofBucket: busiest.key))"
        }
        return text + "."
    }

    private func emptySVG() -> String {
        SVGMarkup.open(width: width, height: 48, title: title, description: "No data.")
            + "<text x=\"8\" y=\"24\" dy=\"0.35em\" fill=\"\(SVGMarkup.mutedTextColor)\">No data</text>\n"
            + SVGMarkup.close
    }
}
