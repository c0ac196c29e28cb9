import Hardware
import Kernel

extension CrossbarObject: CacheableObject {
  /// The tile size, the conductance range (bit for bit), the levels and the converters.
  public func encode(to writer: CacheWriter) throws {
    let c = configuration
    writer.int(c.rows)
    writer.int(c.columns)
    writer.double(c.minimumConductance)
    writer.double(c.maximumConductance)
    for setting in [c.levels, c.dacBits, c.adcBits] {
      writer.bool(setting != nil)
      if let setting { writer.int(setting) }
    }
  }

  /// Reads what ``encode(to:)`` wrote, checking every setting again.
  public static func decode(from reader: CacheReader) throws -> CrossbarObject {
    let rows = try reader.int()
    let columns = try reader.int()
    let gMin = try reader.double()
    let gMax = try reader.double()
    let optional = { try reader.bool() ? try reader.int() : nil }
    let (levels, dac, adc) = (try optional(), try optional(), try optional())
    do {
      return CrossbarObject(
        try CrossbarConfiguration(
          rows: rows, columns: columns, minimumConductance: gMin, maximumConductance: gMax, levels: levels, dacBits: dac,
          adcBits: adc))
    } catch {
      throw CacheFormatError("cached crossbar is invalid (\(error))")
    }
  }
}

extension CrossbarVariationObject: CacheableObject {
  /// Sigma (bit for bit) and what varies.
  public func encode(to writer: CacheWriter) throws {
    writer.double(variation.sigma)
    writer.string(variation.model.rawValue)
  }

  /// Reads what ``encode(to:)`` wrote.
  public static func decode(from reader: CacheReader) throws -> CrossbarVariationObject {
    let sigma = try reader.double()
    guard let model = VariationModel(rawValue: try reader.string()) else {
      throw CacheFormatError("cached variation has an unknown model")
    }
    do {
      return CrossbarVariationObject(try LogNormalVariation(sigma: sigma, model: model))
    } catch {
      throw CacheFormatError("cached variation is invalid (\(error))")
    }
  }
}
