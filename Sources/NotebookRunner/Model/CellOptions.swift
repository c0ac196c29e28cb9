/// The `#| key: value` options at the top of a `lab` cell.
public struct CellOptions: Sendable, Equatable {
  /// The cross-reference label of the cell's table (`tbl-…`) or figure (`fig-…`); also its HTML id.
  public var label: String?
  /// The caption of the cell's table or figure; overrides the builtin's caption.
  public var caption: String?
  /// Whether the code is shown in the report.
  public var echo: Bool
  /// Whether the outputs are shown in the report.
  public var output: Bool
  /// Whether an error is expected: the notebook continues and the run does not count as failed.
  public var error: Bool
  /// Seconds after which the cell is interrupted.
  public var timeout: Double?
  /// Whether the cell cache serves this cell: `false` opts out, `true` opts in when the
  /// notebook's cache is off, `nil` follows the notebook (`cache:` in front matter, `--cache`).
  public var cache: Bool?
  /// How far `nnlab check` lets this cell's numbers drift, over the front matter's `tolerance`.
  public var tolerance: Tolerances? = nil

  /// The names every option can be written with, for messages and suggestions.
  public static let names = ["label", "caption", "echo", "output", "error", "timeout", "cache", "tolerance"]

  /// Creates options; the defaults are those of a cell without `#|` lines.
  public init(
    label: String? = nil, caption: String? = nil, echo: Bool = true, output: Bool = true,
    error: Bool = false, timeout: Double? = nil, cache: Bool? = nil
  ) {
    self.label = label
    self.caption = caption
    self.echo = echo
    self.output = output
    self.error = error
    self.timeout = timeout
    self.cache = cache
  }

  /// What the label refers to, from its prefix.
  public var labelKind: FloatKind? {
    guard let label else { return nil }
    return FloatKind(label: label)
  }
}

/// The two kinds of numbered outputs a report cross-references.
public enum FloatKind: String, Sendable, Equatable, CaseIterable {
  /// A table: labels `tbl-…`, captions "Table N".
  case table = "tbl"
  /// A chart: labels `fig-…`, captions "Figure N".
  case figure = "fig"

  /// The kind a label's prefix names (`tbl-x` is a table), or `nil` for other prefixes.
  public init?(label: String) {
    guard let dash = label.firstIndex(of: "-") else { return nil }
    self.init(rawValue: String(label[..<dash]))
  }

  /// The word used in captions and links ("Table", "Figure").
  public var word: String {
    switch self {
    case .table: "Table"
    case .figure: "Figure"
    }
  }
}
