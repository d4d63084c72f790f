import Testing

@testable import AuthAuditKit

@Suite struct ChartScaleTests {
    @Test func smallCountsStepByOne() {
        let scale = ChartScale(largest: 3)
        #expect(scale.ticks == [0, 1, 2, 3])
    }

    @Test func roundsMaximumUp() {
        let scale = ChartScale(largest: 47)
        #expect(scale.ticks == [0, 10, 20, 30, 40, 50])
    }

    @Test func largeCounts() {
        #expect(ChartScale(largest: 1_234).ticks == [0, 500, 1_000, 1_500])
    }

    @Test func zeroLargestStillHasAxis() {
        #expect(ChartScale(largest: 0).maximum == 1)
    }

    @Test func fractionalStepLabels() {
        let scale = ChartScale(largest: 0.7, integral: false)
        #expect(scale.ticks.map(scale.label) == ["0.0", "0.2", "0.4", "0.6", "0.8"])
    }

    @Test func fixedRoundsBinaryErrors() {
        #expect(ChartNumberText.fixed(0.1 + 0.2, fractionDigits: 1) == "0.3")
        #expect(ChartNumberText.fixed(-0.05, fractionDigits: 2) == "-0.05")
    }

    @Test func wholeNumbersWithoutFraction() {
        #expect(ChartNumberText.format(12) == "12")
        #expect(ChartNumberText.format(2.5) == "2.5")
    }

    @Test func coordinatesTrimmed() {
        #expect(SVGMarkup.number(12) == "12")
        #expect(SVGMarkup.number(12.5) == "12.5")
        #expect(SVGMarkup.number(1.0 / 3.0) == "0.33")
        #expect(SVGMarkup.number(-0.001) == "0")
    }
}
