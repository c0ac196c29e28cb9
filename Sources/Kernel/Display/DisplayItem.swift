import Charts

/// One rich output of a cell, in the order the cell produced it.
///
/// CONTRACT between Kernel and NotebookRunner.
public enum DisplayItem: Sendable {
  /// Plain text: `print` output or a value's display form (already a string, not escaped).
  case text(String)
  /// A table.
  case table(TableDisplay)
  /// A chart.
  case chart(ChartDisplay)
}

/// A table ready to render: column names, formatted cells, an optional caption.
public struct TableDisplay: Sendable {
  /// Column headers, in order.
  public var columns: [String]
  /// Rows of cells; every row has `columns.count` cells.
  public var rows: [[TableCell]]
  /// The caption given by the builtin (`table(..., caption:)`), if any.
  public var caption: String?

  /// Creates a table.
  public init(columns: [String], rows: [[TableCell]], caption: String? = nil) {
    self.columns = columns
    self.rows = rows
    self.caption = caption
  }
}

/// One cell of a table: the formatted text and, for numbers, the raw value (for JSON).
public struct TableCell: Sendable {
  /// The text shown.
  public var text: String
  /// The unformatted number, when the cell holds one.
  public var number: Double?

  /// Creates a cell.
  public init(text: String, number: Double? = nil) {
    self.text = text
    self.number = number
  }
}

/// A chart ready to render.
public struct ChartDisplay: Sendable {
  /// What to draw.
  public var spec: ChartSpec
  /// The caption given by the builtin, if any.
  public var caption: String?

  /// Creates a chart output.
  public init(spec: ChartSpec, caption: String? = nil) {
    self.spec = spec
    self.caption = caption
  }
}
