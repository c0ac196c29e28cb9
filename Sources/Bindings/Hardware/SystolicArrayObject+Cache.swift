import Hardware
import Kernel

extension SystolicArrayObject: CacheableObject {
  /// Rows, columns and how weights are loaded.
  public func encode(to writer: CacheWriter) throws {
    writer.int(array.rows)
    writer.int(array.columns)
    writer.string(array.weightLoading.rawValue)
  }

  /// Reads what ``encode(to:)`` wrote.
  public static func decode(from reader: CacheReader) throws -> SystolicArrayObject {
    let rows = try reader.int()
    let columns = try reader.int()
    guard let loading = SystolicArray.WeightLoading(rawValue: try reader.string()) else {
      throw CacheFormatError("cached systolic array has an unknown weight loading")
    }
    do {
      return SystolicArrayObject(try SystolicArray(rows: rows, columns: columns, weightLoading: loading))
    } catch {
      throw CacheFormatError("cached systolic array is invalid (\(error))")
    }
  }
}
