/// Number text for charts, the same on every run and platform.
enum ChartNumberText {
    /// Formats whole numbers without a fraction (`12`, not `12.0`), other values in Swift's shortest round-trip
    /// form (`2.5`).
    static func format(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 9.0e15 {
            return String(Int64(value))
        }
        return value.description
    }

    /// Rounds the value to `fractionDigits` digits after the decimal point. Axis ticks need this because
    /// they are multiples of a step and so pick up binary rounding errors (`0.30000000000000004`).
    static func fixed(_ value: Double, fractionDigits: Int) -> String {
        guard fractionDigits > 0 else { return format(value.rounded()) }
        var scale = 1.0
        for _ in 0..<fractionDigits {
            scale *= 10
        }
        let scaled = Int64((abs(value) * scale).rounded())
        let whole = scaled / Int64(scale)
        var fraction = String(scaled % Int64(scale))
        fraction = String(repeating: "0", count: fractionDigits - fraction.count) + fraction
        return (value < 0 && scaled != 0 ? "-" : "") + String(whole) + "." + fraction
    }
}
