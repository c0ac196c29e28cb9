import Testing
@testable import Kernel

private func fmt(_ value: Value, _ spec: String) throws -> String {
  try FormatSpec(spec).format(value)
}

@Suite struct FormatSpecTests {
  @Test func fixedPercentExponentGeneral() throws {
    #expect(try fmt(.number(3.14159), ".3f") == "3.142")
    #expect(try fmt(.number(0.91234), ".2%") == "91.23%")
    #expect(try fmt(.number(0.5), ".0%") == "50%")
    #expect(try fmt(.number(12345.678), ".2e") == "1.23e4")
    #expect(try fmt(.number(0.000012345), ".3g") == "1.23e-5")
    #expect(try fmt(.number(2.0 / 3), ".3") == "0.667")
    #expect(try fmt(.number(-1.5), ".1f") == "-1.5")
  }

  @Test func integersAndGrouping() throws {
    #expect(try fmt(.number(1234567), ",") == "1,234,567")
    #expect(try fmt(.number(1234567.891), ",.2f") == "1,234,567.89")
    #expect(try fmt(.number(-1234), ",d") == "-1,234")
    #expect(try fmt(.number(42), "d") == "42")
    #expect(try fmt(.number(1_000_000), "_") == "1_000_000")
    #expect(try fmt(.number(7), "03d") == "007")
    #expect(try fmt(.number(5), "+d") == "+5")
  }

  @Test func widthAlignmentAndFill() throws {
    #expect(try fmt(.number(3), ">5") == "    3")
    #expect(try fmt(.number(3), "<5") == "3    ")
    #expect(try fmt(.number(3), "^5") == "  3  ")
    #expect(try fmt(.string("ab"), ">4") == "  ab")
    #expect(try fmt(.string("ab"), "*^6") == "**ab**")
    #expect(try fmt(.string("abcdef"), ".3") == "abc")
    #expect(try fmt(.bool(true), ">6") == "  true")
  }

  @Test func errors() {
    #expect(throws: FormatSpecError.self) { try FormatSpec(".2q") }
    #expect(throws: FormatSpecError.self) { try FormatSpec(".f") }
    #expect(throws: FormatSpecError.self) { try fmt(.string("x"), ".2f") }
    #expect(throws: FormatSpecError.self) { try fmt(.number(2.5), "d") }
    let error = FormatSpecError(spec: "d", reason: "format type 'd' needs an integer, got 2.5")
    #expect(error.description == "bad format 'd': format type 'd' needs an integer, got 2.5")
  }
}
