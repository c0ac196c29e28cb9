import Testing
@testable import Charts

@Suite struct TextMetricsTests {
  @Test func widerTextMeasuresWider() {
    #expect(TextMetrics.width("WWW", fontSize: 12) > TextMetrics.width("iii", fontSize: 12))
    #expect(TextMetrics.width("", fontSize: 12) == 0)
  }

  @Test func truncationAddsAnEllipsisAndFits() {
    let long = String(repeating: "convolution ", count: 10)
    let short = TextMetrics.truncate(long, maxWidth: 100, fontSize: 12)
    #expect(short.hasSuffix("…"))
    #expect(TextMetrics.width(short, fontSize: 12) <= 100)
    #expect(TextMetrics.truncate("fits", maxWidth: 100, fontSize: 12) == "fits")
  }

  @Test func truncationKeepsGraphemesWhole() {
    let flags = String(repeating: "🇫🇷", count: 30)
    let short = TextMetrics.truncate(flags, maxWidth: 50, fontSize: 12)
    #expect(short.dropLast().allSatisfy { $0 == "🇫🇷" })
  }
}
