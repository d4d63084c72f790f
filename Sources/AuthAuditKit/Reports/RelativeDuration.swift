/// A length of time written as number–unit pairs, such as `90s`, `30m`, `12h`, `7d`, `2w` or `1d12h`.
///
/// Units are `s`, `m`, `h`, `d` (24 hours) and `w` (7 days); each may appear once, from the largest to
/// the smallest, so `1d12h` is valid and `12h1d` is not. Days are fixed 24-hour spans, not calendar days.
struct RelativeDuration: Sendable, Equatable {
    var microseconds: Int64

    private static let units: [(symbol: Character, microseconds: Int64)] = [
        ("w", 7 * 86_400 * 1_000_000),
        ("d", 86_400 * 1_000_000),
        ("h", 3_600 * 1_000_000),
        ("m", 60 * 1_000_000),
        ("s", 1_000_000),
    ]

    /// Parses the text, or returns nil when it is not a duration (including when it overflows 64 bits).
    init?(_ text: String) {
        var total: Int64 = 0
        var nextUnit = 0
        var digits = ""
        var sawPair = false
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            guard !digits.isEmpty, let number = Int64(digits),
                let unit = Self.units[nextUnit...].firstIndex(where: { $0.symbol == character })
            else { return nil }
            let (product, productOverflow) = number.multipliedReportingOverflow(by: Self.units[unit].microseconds)
            let (sum, sumOverflow) = total.addingReportingOverflow(product)
            guard !productOverflow, !sumOverflow else { return nil }
            total = sum
            nextUnit = unit + 1
            digits = ""
            sawPair = true
        }
        guard sawPair, digits.isEmpty else { return nil }
        microseconds = total
    }
}
