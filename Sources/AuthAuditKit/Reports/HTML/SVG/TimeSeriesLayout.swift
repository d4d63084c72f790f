/// Positions and axes of a time series chart: a plot area with the value axis on the left and the time
/// axis below.
struct TimeSeriesLayout {
    let width: Double
    let height = 256.0
    let plotLeft: Double
    let plotRight: Double
    let plotTop = 12.0
    let plotBottom: Double
    /// The width of one bucket along the time axis.
    let bucketWidth: Double

    init(width: Double, bucketCount: Int, tickLabels: [String]) {
        let tickLabelWidth = tickLabels.map(SVGMarkup.textWidth).max() ?? 0
        // Room for the rotated axis title, then the tick labels.
        plotLeft = 28 + tickLabelWidth + 8
        // Half of a time label may stick out past the last bucket.
        plotRight = max(width - 44, plotLeft + 1)
        plotBottom = height - 48
        self.width = width
        bucketWidth = (plotRight - plotLeft) / Double(max(bucketCount, 1))
    }

    func x(ofBucketStart index: Int64) -> Double {
        plotLeft + Double(index) * bucketWidth
    }

    func y(of value: Double, scale: ChartScale) -> Double {
        plotBottom - max(value, 0) / scale.maximum * (plotBottom - plotTop)
    }

    /// Draws grid lines with their values, and the axis title written upwards along the left edge.
    func valueAxis(scale: ChartScale, title: String) -> String {
        var svg = "<g fill=\"\(SVGMarkup.mutedTextColor)\">"
        for tick in scale.ticks {
            let y = SVGMarkup.number(y(of: tick, scale: scale))
            svg += "<line x1=\"\(SVGMarkup.number(plotLeft))\" y1=\"\(y)\" x2=\"\(SVGMarkup.number(plotRight))\""
            svg += " y2=\"\(y)\" stroke=\"\(SVGMarkup.gridColor)\"/>"
            svg += "<text x=\"\(SVGMarkup.number(plotLeft - 6))\" y=\"\(y)\" dy=\"0.35em\" text-anchor=\"end\">"
            svg += "\(scale.label(tick))</text>"
        }
        let middle = SVGMarkup.number((plotTop + plotBottom) / 2)
        svg += "<text transform=\"translate(12 \(middle)) rotate(-90)\" text-anchor=\"middle\" dy=\"0.35em\">"
        svg += "\(HTMLText.escaped(title))</text>"
        return svg + "</g>\n"
    }

    /// Draws the baseline, a label under every few buckets (as many as fit), and the axis title.
    func timeAxis(
        first: Int64, last: Int64, bucket: TimeSeriesChart.Bucket, labelText: (Int64) -> String
    ) -> String {
        let baseline = SVGMarkup.number(plotBottom)
        var svg = "<g fill=\"\(SVGMarkup.mutedTextColor)\">"
        svg += "<line x1=\"\(SVGMarkup.number(plotLeft))\" y1=\"\(baseline)\" x2=\"\(SVGMarkup.number(plotRight))\""
        svg += " y2=\"\(baseline)\" stroke=\"\(SVGMarkup.axisColor)\"/>"

        let stride = labelStride(count: last - first + 1, bucket: bucket, sample: labelText(first))
        let remainder = first % stride
        var number = remainder == 0 ? first : first - remainder + (remainder > 0 ? stride : 0)
        while number <= last {
            let x = SVGMarkup.number(x(ofBucketStart: number - first) + bucketWidth / 2)
            svg += "<line x1=\"\(x)\" y1=\"\(baseline)\" x2=\"\(x)\" y2=\"\(SVGMarkup.number(plotBottom + 4))\""
            svg += " stroke=\"\(SVGMarkup.axisColor)\"/>"
            svg += "<text x=\"\(x)\" y=\"\(SVGMarkup.number(plotBottom + 16))\" text-anchor=\"middle\">"
            svg += "\(HTMLText.escaped(labelText(number)))</text>"
            number += stride
        }
        let axisTitle = bucket == .day ? "Day (UTC)" : "Hour (UTC)"
        svg += "<text x=\"\(SVGMarkup.number((plotLeft + plotRight) / 2))\" y=\"\(SVGMarkup.number(height - 10))\""
        svg += " text-anchor=\"middle\">\(axisTitle)</text>"
        return svg + "</g>\n"
    }

    /// Picks the smallest of the bucket's round strides that leaves room between labels as wide as `sample`.
    private func labelStride(count: Int64, bucket: TimeSeriesChart.Bucket, sample: String) -> Int64 {
        let labelWidth = SVGMarkup.textWidth(sample) + 16
        let fitting = max(Int64((plotRight - plotLeft) / labelWidth), 1)
        for stride in bucket.labelStrides where (count + stride - 1) / stride <= fitting {
            return stride
        }
        return (count + fitting - 1) / fitting
    }
}
