import Charts
import Kernel

extension ChartObject: CacheableObject {
  /// The spec (as JSON) and the caption.
  public func encode(to writer: CacheWriter) throws {
    try writer.chartDisplay(ChartDisplay(spec: spec, caption: caption))
  }

  /// Reads what ``encode(to:)`` wrote.
  public static func decode(from reader: CacheReader) throws -> ChartObject {
    let chart = try reader.chartDisplay()
    return ChartObject(spec: chart.spec, caption: chart.caption)
  }
}
