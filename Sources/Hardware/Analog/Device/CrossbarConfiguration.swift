/// The settings of an RRAM crossbar accelerator: tile size, conductance range, levels and converters.
///
/// Defaults are those of ``RRAMAssumptions``: 128 x 128 tiles, 1.11 to 166.7 uS, continuous
/// conductances and ideal (unquantised) inputs and outputs.
public struct CrossbarConfiguration: Equatable, Sendable, Codable {
  /// Rows (inputs) per tile.
  public var rows: Int
  /// Columns (outputs) per tile; each column holds one weight as a differential pair.
  public var columns: Int
  /// The smallest programmable conductance in microsiemens (the "zero" of each device).
  public var minimumConductance: Double
  /// The largest programmable conductance in microsiemens.
  public var maximumConductance: Double
  /// The number of evenly spaced conductance levels from minimum to maximum, or nil for continuous values.
  public var levels: Int?
  /// The resolution of the input DACs in bits, or nil for ideal inputs.
  public var dacBits: Int?
  /// The resolution of the column ADCs (one conversion per tile and column) in bits, or nil for ideal outputs.
  public var adcBits: Int?

  /// Creates a configuration, checking every setting.
  public init(
    rows: Int = RRAMAssumptions.tileRows, columns: Int = RRAMAssumptions.tileColumns,
    minimumConductance: Double = RRAMAssumptions.minimumConductance,
    maximumConductance: Double = RRAMAssumptions.maximumConductance,
    levels: Int? = nil, dacBits: Int? = nil, adcBits: Int? = nil
  ) throws {
    guard rows >= 1, columns >= 1 else {
      throw CrossbarError(.invalidSetting, "a crossbar tile needs at least one row and one column, got \(rows) x \(columns)")
    }
    guard minimumConductance.isFinite, maximumConductance.isFinite, minimumConductance >= 0,
      maximumConductance > minimumConductance
    else {
      throw CrossbarError(
        .invalidSetting,
        "conductances need 0 <= g_min < g_max, got g_min \(minimumConductance) uS and g_max \(maximumConductance) uS")
    }
    if let levels, levels < 2 {
      throw CrossbarError(.invalidSetting, "a device needs at least 2 conductance levels, got \(levels)")
    }
    for (name, bits) in [("DAC", dacBits), ("ADC", adcBits)] {
      guard let bits else { continue }
      let range = RRAMAssumptions.minimumConverterBits...RRAMAssumptions.maximumConverterBits
      guard range.contains(bits) else {
        throw CrossbarError(
          .invalidSetting, "\(name) resolution must be \(range.lowerBound) to \(range.upperBound) bits, got \(bits)")
      }
    }
    self.rows = rows
    self.columns = columns
    self.minimumConductance = minimumConductance
    self.maximumConductance = maximumConductance
    self.levels = levels
    self.dacBits = dacBits
    self.adcBits = adcBits
  }

  /// The default configuration (see ``RRAMAssumptions``).
  public static var standard: CrossbarConfiguration {
    // The defaults are constants that satisfy every check above; no user input reaches this.
    try! CrossbarConfiguration()
  }

  /// The programmable conductance span `g_max - g_min`, which the largest weight magnitude maps to.
  public var conductanceSpan: Double { maximumConductance - minimumConductance }

  /// Whether inputs or outputs are quantised, so layers must be computed tile by tile.
  public var hasConverters: Bool { dacBits != nil || adcBits != nil }
}
