import Testing
@testable import Charts

@Suite struct ViridisTests {
  @Test func endsAreViridisEnds() {
    #expect(Viridis.color(0) == "#440154")
    #expect(Viridis.color(1) == "#fde725")
    #expect(Viridis.color(.nan) == "#440154")
    #expect(Viridis.color(7) == "#fde725")
  }

  @Test func middleIsTheTealOfViridis() {
    // Index 128 of the 256-colour map is #21918c.
    #expect(Viridis.color(128.0 / 255) == "#21918c")
  }

  @Test func lightnessRises() {
    func luminance(_ hex: String) -> Double {
      let value = Int(hex.dropFirst(), radix: 16) ?? 0
      return 0.2126 * Double(value >> 16) + 0.7152 * Double((value >> 8) & 0xFF) + 0.0722 * Double(value & 0xFF)
    }
    let samples = stride(from: 0.0, through: 1.0, by: 0.05).map { luminance(Viridis.color($0)) }
    #expect(zip(samples, samples.dropFirst()).allSatisfy { $0 < $1 })
  }
}
