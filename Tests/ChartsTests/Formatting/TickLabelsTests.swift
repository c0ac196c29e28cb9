import Testing
@testable import Charts

@Suite struct TickLabelsTests {
  @Test func labelsShareDecimals() {
    #expect(TickLabels.linear([0, 0.2, 0.4, 0.6000000000000001], step: 0.2, format: .automatic) == ["0.0", "0.2", "0.4", "0.6"])
    #expect(TickLabels.linear([0, 0.25, 0.5], step: 0.25, format: .automatic) == ["0.00", "0.25", "0.50"])
  }

  @Test func negativeLabelsUseTheMinusSign() {
    #expect(TickLabels.linear([-1, 0, 1], step: 1, format: .automatic) == ["\u{2212}1", "0", "1"])
  }

  @Test func thousandsGetSuffixes() {
    #expect(TickLabels.linear([0, 20000, 40000], step: 20000, format: .automatic) == ["0", "20k", "40k"])
    #expect(TickLabels.linear([0, 500_000, 1_000_000, 1_500_000], step: 500_000, format: .automatic) == ["0", "0.5M", "1.0M", "1.5M"])
    #expect(TickLabels.linear([0, 2000, 4000], step: 2000, format: .automatic) == ["0", "2000", "4000"])
  }

  @Test func groupedSeparatesThousands() {
    #expect(TickLabels.linear([0, 20000, 40000], step: 20000, format: .grouped) == ["0", "20,000", "40,000"])
  }

  @Test func percentMultiplies() {
    #expect(TickLabels.linear([0, 0.2, 0.4], step: 0.2, format: .percent) == ["0%", "20%", "40%"])
    #expect(TickLabels.linear([0.9, 0.905, 0.91], step: 0.005, format: .percent) == ["90.0%", "90.5%", "91.0%"])
  }

  @Test func tinyValuesUseExponents() {
    #expect(TickLabels.linear([0, 2e-5, 4e-5], step: 2e-5, format: .automatic) == ["0", "2e\u{2212}5", "4e\u{2212}5"])
  }

  @Test func logLabels() {
    #expect(TickLabels.log([0.01, 0.1, 1, 10, 1000, 1e6], format: .automatic) == ["0.01", "0.1", "1", "10", "1k", "1M"])
  }
}
