/// One way a fresh run of a notebook differs from its stored report, out of tolerance.
public struct CheckDifference: Sendable, Equatable, CustomStringConvertible {
  /// The notebook.
  public var file: String
  /// The line of the cell that made the table or chart (1 for the notebook as a whole).
  public var line: Int
  /// Where in the report: `Table 2 (tbl-main), row 3, column 'accuracy'`.
  public var place: String
  /// What differs: `0.8512 → 0.8493 (tolerance 1e-09)`.
  public var message: String

  /// Creates a difference.
  public init(file: String, line: Int, place: String, message: String) {
    self.file = file
    self.line = line
    self.place = place
    self.message = message
  }

  /// `notebooks/x.md:42: Table 2 (tbl-main), row 3, column 'accuracy': 0.8512 → 0.8493 (tolerance 1e-09)`.
  public var description: String { "\(file):\(line): \(place): \(message)" }
}
