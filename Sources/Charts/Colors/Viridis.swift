/// The viridis colour map: sequential, perceptually uniform, readable by colour-blind
/// readers and in greyscale.
///
/// The 256-colour map of van der Walt and Smith (matplotlib, released under CC0) sampled
/// at 17 evenly spaced indices; linear interpolation between neighbouring samples stays
/// within a couple of levels of the full table.
enum Viridis {
  /// Samples at indices round(i × 255 / 16) of the full map, as 0xRRGGBB.
  static let samples: [UInt32] = [
    0x440154, 0x48186A, 0x472D7B, 0x424086, 0x3B528B, 0x33638D, 0x2C728E, 0x26828E, 0x21918C,
    0x1F9F88, 0x27AD81, 0x3DBC74, 0x5CC863, 0x81D34D, 0xAADC32, 0xD5E21A, 0xFDE725,
  ]

  /// The position (0...1) of each sample along the map.
  static func position(ofSample index: Int) -> Double {
    let mapIndex = (Double(index) * 255 / Double(samples.count - 1)).rounded()
    return mapIndex / 255
  }

  /// The colour at `t` (clamped to 0...1) as `#rrggbb`.
  static func color(_ t: Double) -> String {
    let clamped = t.isFinite ? min(max(t, 0), 1) : 0
    var upper = 1
    while upper < samples.count - 1 && position(ofSample: upper) < clamped { upper += 1 }
    let lower = upper - 1
    let start = position(ofSample: lower)
    let end = position(ofSample: upper)
    let mix = end > start ? (clamped - start) / (end - start) : 0
    var hex = "#"
    for shift in [16, 8, 0] as [UInt32] {
      let a = Double((samples[lower] >> shift) & 0xFF)
      let b = Double((samples[upper] >> shift) & 0xFF)
      let channel = Int((a + (b - a) * mix).rounded())
      hex += hexByte(min(max(channel, 0), 255))
    }
    return hex
  }

  /// Whether text drawn on the colour at `t` should be white rather than dark.
  static func prefersLightText(_ t: Double) -> Bool {
    // Viridis' lightness rises steadily; past about 0.55 black text reads better.
    t < 0.55
  }

  private static func hexByte(_ value: Int) -> String {
    let digits = Array("0123456789abcdef")
    return String(digits[value / 16]) + String(digits[value % 16])
  }
}
