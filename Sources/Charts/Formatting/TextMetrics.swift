/// Estimated widths of text, and truncation to a width.
///
/// The renderer cannot measure text (no font engine, and the reader's font is unknown), so it
/// uses the advances of DejaVu Sans, the usual Linux fallback for `system-ui` and among the
/// widest common interface fonts: labels sized with it also fit in Segoe UI, SF or Roboto.
enum TextMetrics {
  /// Advances of U+0020 through U+007E in thousandths of an em (DejaVu Sans Book).
  private static let ascii: [Int] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
    603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
  ]

  /// How much wider semibold text is than regular text.
  static let boldFactor = 1.14

  /// The width of `text` at `fontSize` pixels.
  static func width(_ text: String, fontSize: Double) -> Double {
    var thousandths = 0
    for scalar in text.unicodeScalars {
      thousandths += advance(scalar)
    }
    return Double(thousandths) / 1000 * fontSize
  }

  /// `text` shortened with a trailing ellipsis so it fits in `maxWidth`; unchanged if it fits.
  static func truncate(_ text: String, maxWidth: Double, fontSize: Double) -> String {
    guard width(text, fontSize: fontSize) > maxWidth else { return text }
    let ellipsis = "…"
    let budget = maxWidth - width(ellipsis, fontSize: fontSize)
    var result = ""
    var used = 0.0
    // Whole characters (grapheme clusters), so an accent or emoji is never split.
    for character in text {
      let characterWidth = width(String(character), fontSize: fontSize)
      if used + characterWidth > budget { break }
      result.append(character)
      used += characterWidth
    }
    while result.last == " " { result.removeLast() }
    return result + ellipsis
  }

  /// The advance of one scalar in thousandths of an em.
  private static func advance(_ scalar: Unicode.Scalar) -> Int {
    if scalar.value >= 0x20 && scalar.value < 0x7F { return ascii[Int(scalar.value) - 0x20] }
    if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark
      || scalar.properties.generalCategory == .format
    {
      return 0
    }
    // Wide scripts (CJK, Hangul, most emoji) take a full em; symbols like − ≤ × about 0.84.
    if scalar.value >= 0x2E80 { return 1000 }
    return 840
  }
}
