import Testing
@testable import Charts

@Suite struct NumberTextTests {
  @Test func fixedDecimals() {
    #expect(NumberText.fixed(0.30000000000000004, decimals: 1) == "0.3")
    #expect(NumberText.fixed(1.5, decimals: 2) == "1.50")
    #expect(NumberText.fixed(1.5, decimals: 2, trimZeros: true) == "1.5")
    #expect(NumberText.fixed(-0.004, decimals: 2) == "0.00")
    #expect(NumberText.fixed(-2.25, decimals: 1) == "-2.3")
    #expect(NumberText.fixed(0.05, decimals: 3) == "0.050")
    #expect(NumberText.fixed(123456789, decimals: 0) == "123456789")
  }

  @Test func coordinatesHaveAtMostTwoDecimals() {
    #expect(NumberText.coordinate(12.345678) == "12.35")
    #expect(NumberText.coordinate(40) == "40")
    #expect(NumberText.coordinate(-0.001) == "0")
    #expect(NumberText.coordinate(.nan) == "0")
    #expect(NumberText.coordinate(1e300) == "10000000")
  }

  @Test func significantDigits() {
    #expect(NumberText.significant(0.213456) == "0.2135")
    #expect(NumberText.significant(2.3) == "2.3")
    #expect(NumberText.significant(9.99996) == "10")
    #expect(NumberText.significant(1234567) == "1235000")
    #expect(NumberText.significant(0.00001234) == "1.234e-5")
    #expect(NumberText.significant(-1e20, 3) == "-1e20")
    #expect(NumberText.significant(0) == "0")
  }

  @Test func scientificCarriesRounding() {
    #expect(NumberText.scientific(9.996e-7, significant: 3) == "1e-6")
    #expect(NumberText.scientific(2.5e3, significant: 3) == "2.5e3")
  }

  @Test func grouping() {
    #expect(NumberText.grouped("1234567.5") == "1,234,567.5")
    #expect(NumberText.grouped("-1000") == "-1,000")
    #expect(NumberText.grouped("999") == "999")
  }

  @Test func log10FloorIsExactAtPowers() {
    for exponent in -20...20 {
      #expect(Int(NumberText.tenTo(exponent).log10Floor) == exponent)
    }
  }
}
