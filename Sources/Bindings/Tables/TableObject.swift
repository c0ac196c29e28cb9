import Kernel

/// A table value: rows with formatted cells, a caption; displays as a table.
public final class TableObject: LabObject {
  /// `Table`.
  public static let typeName = "Table"
  /// Column names in order.
  public let columns: [String]
  /// The raw rows.
  public let records: [Record]
  /// The caption, if any.
  public let caption: String?
  /// The rendered form, made (and format errors found) when the table is built.
  public let rendered: TableDisplay

  /// A table already rendered (read back from the cell cache).
  init(columns: [String], records: [Record], caption: String?, rendered: TableDisplay) {
    self.columns = columns
    self.records = records
    self.caption = caption
    self.rendered = rendered
  }

  /// Builds a table, formatting cells with per-column specs (numbers without a spec print plainly).
  public init(columns: [String], records: [Record], caption: String?, formats: [String: FormatSpec]) throws {
    self.columns = columns
    self.records = records
    self.caption = caption
    let cells = try records.map { record in
      try columns.map { column in try TableObject.cell(record[column] ?? .none, format: formats[column]) }
    }
    rendered = TableDisplay(columns: columns, rows: cells, caption: caption)
  }

  /// The text of one cell, and its number for the report's JSON.
  static func cell(_ value: Value, format: FormatSpec?) throws -> TableCell {
    switch value {
    case .number(let x):
      return TableCell(text: try format?.format(value) ?? NumberFormatting.plain(x), number: x)
    case .none:
      return TableCell(text: "")
    default:
      return TableCell(text: try format?.format(value) ?? value.text)
    }
  }

  static let memberDocs: [(name: String, doc: String)] = [
    ("columns", "The column names."),
    ("rows", "The rows, as a list of records."),
    ("count", "The number of rows."),
    ("caption", "The caption, or none."),
  ]

  /// See ``memberDocs``.
  public var memberNames: [String] { TableObject.memberDocs.map(\.name) }

  /// `columns`, `rows`, `count`, `caption`.
  public func member(_ name: String) throws -> Value? {
    switch name {
    case "columns": return .list(columns.map(Value.string))
    case "rows": return .list(records.map(Value.record))
    case "count": return .number(Double(records.count))
    case "caption": return caption.map(Value.string) ?? Value.none
    default: return nil
    }
  }

  /// `<Table 3 rows: a, b>`.
  public var summary: String {
    "<Table \(records.count) row\(records.count == 1 ? "" : "s"): \(columns.joined(separator: ", "))>"
  }

  /// The table.
  public func display() -> [DisplayItem] { [.table(rendered)] }

  /// The raw rows, so a table feeds charts and other tables.
  public func rows() -> [Record]? { records }
}
