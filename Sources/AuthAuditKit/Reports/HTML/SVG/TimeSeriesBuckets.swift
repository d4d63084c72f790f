/// The points of a time series summed per bucket, keyed by bucket number (the bucket's start divided by
/// its length, counted from the Unix epoch). Points with a NaN or infinite value are left out.
struct TimeSeriesBuckets {
    let totals: [Int64: Double]
    /// The buckets that have points, in time order.
    let sorted: [(key: Int64, value: Double)]

    init(points: [TimeSeriesChart.Point], bucket: TimeSeriesChart.Bucket) {
        var totals: [Int64: Double] = [:]
        for point in points where point.value.isFinite {
            totals[Self.number(of: point.time, length: bucket.microseconds), default: 0] += point.value
        }
        self.totals = totals
        sorted = totals.sorted { $0.key < $1.key }
    }

    var first: Int64? { sorted.first?.key }
    var last: Int64? { sorted.last?.key }
    var total: Double { sorted.reduce(0) { $0 + $1.value } }

    /// Returns the buckets with points, plus a zero on each side of every run of empty buckets. A line drawn
    /// through them falls to zero across a gap without a vertex for every empty bucket.
    func pointsWithGapEdges() -> [(key: Int64, value: Double)] {
        var result: [(key: Int64, value: Double)] = []
        for (index, entry) in sorted.enumerated() {
            if index > 0 {
                let previous = sorted[index - 1].key
                if entry.key - previous > 1 { result.append((previous + 1, 0)) }
                if entry.key - previous > 2 { result.append((entry.key - 1, 0)) }
            }
            result.append(entry)
        }
        return result
    }

    /// Returns the bucket number of a time, rounding down for times before the epoch too.
    static func number(of time: Timestamp, length: Int64) -> Int64 {
        let quotient = time.microseconds / length
        return time.microseconds % length < 0 ? quotient - 1 : quotient
    }
}
