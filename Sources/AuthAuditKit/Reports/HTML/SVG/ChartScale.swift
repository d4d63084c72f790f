/// A value axis from zero to a round maximum, with evenly spaced ticks at 1, 2 or 5 times a power of ten.
struct ChartScale: Equatable {
    /// The value at the far end of the axis; at least the largest value, and never zero.
    let maximum: Double
    let step: Double
    /// Digits after the decimal point that every tick needs, so 0.5 steps print as `0.5`, `1.0`, `1.5`.
    let fractionDigits: Int

    /// Creates a scale that fits `largest` in about `targetTickCount` steps. With `integral` set (counts),
    /// the step is never below 1, so a largest count of 3 gives ticks 0, 1, 2, 3 and not 0, 0.5, … 3.
    init(largest: Double, targetTickCount: Int = 5, integral: Bool = true) {
        let top = largest.isFinite && largest > 0 ? largest : 1
        let raw = top / Double(max(targetTickCount, 1))
        var magnitude = 1.0
        var fractionDigits = 0
        while magnitude * 10 <= raw {
            magnitude *= 10
        }
        while magnitude > raw, !(integral && magnitude <= 1) {
            magnitude /= 10
            fractionDigits += 1
        }
        var step = magnitude
        for multiple in [1.0, 2.0, 5.0, 10.0] where multiple * magnitude >= raw {
            step = multiple * magnitude
            break
        }
        if integral { step = max(step, 1) }
        self.step = step
        self.maximum = (top / step).rounded(.up) * step
        self.fractionDigits = step >= 1 ? 0 : fractionDigits
    }

    /// The tick values from zero to the maximum, both included.
    var ticks: [Double] {
        let count = Int((maximum / step).rounded())
        return (0...count).map { Double($0) * step }
    }

    /// Formats a tick value with the scale's number of fraction digits.
    func label(_ value: Double) -> String {
        ChartNumberText.fixed(value, fractionDigits: fractionDigits)
    }
}
