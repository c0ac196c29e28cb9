import Kernel

extension TableObject: CacheableObject {
  /// Columns, raw rows, caption and the rendered cells.
  public func encode(to writer: CacheWriter) throws {
    writer.strings(columns)
    try writer.value(.list(records.map(Value.record)))
    writer.optionalString(caption)
    writer.tableDisplay(rendered)
  }

  /// Reads what ``encode(to:)`` wrote.
  public static func decode(from reader: CacheReader) throws -> TableObject {
    let columns = try reader.strings()
    guard case .list(let rows) = try reader.value() else { throw CacheFormatError("cached table has no rows") }
    let records = try rows.map { row -> Record in
      guard case .record(let record) = row else { throw CacheFormatError("cached table has a row that is not a record") }
      return record
    }
    return TableObject(columns: columns, records: records, caption: try reader.optionalString(), rendered: try reader.tableDisplay())
  }
}
