import Charts
import Kernel

/// The numbered tables and figures of a run: numbers, ids, captions and labels, decided once so
/// the HTML, the cross references and the JSON sidecar agree.
struct ReportFloats {
  /// One numbered table or chart.
  struct Float {
    /// Table or figure.
    var kind: FloatKind
    /// 1-based number among floats of its kind ("Table 2").
    var number: Int
    /// The HTML id: the cell's label, or `table-N` / `figure-N`.
    var id: String
    /// The cell's label when it names this output.
    var label: String?
    /// The caption: the cell's `caption` option for the labelled output, else the builtin's.
    var caption: String?
    /// Index of the cell in the run.
    var cellIndex: Int
    /// Index of the output in the cell's outputs.
    var outputIndex: Int

    /// "Table 2", "Figure 3".
    var name: String { "\(kind.word) \(number)" }
  }

  /// Every float in report order.
  private(set) var all: [Float] = []
  /// Problems found while numbering (labels that name nothing), for the report and the terminal.
  private(set) var warnings: [String] = []
  private var byOutput: [Int: [Int: Int]] = [:]
  private var byLabel: [String: Int] = [:]
  /// Labels written in cell options, with their cell's first line.
  private(set) var declaredLabels: [String: Int] = [:]

  /// Numbers the shown tables and charts of `run`.
  init(_ run: NotebookRun) {
    var counts: [FloatKind: Int] = [:]
    for (cellIndex, cellRun) in run.cells.enumerated() where cellRun.cell.options.output {
      let options = cellRun.cell.options
      let described = Self.describedOutput(cellRun.outputs, options: options)
      if let label = options.label { declaredLabels[label] = cellRun.cell.line }
      // A failed cell may have stopped before drawing; its error already says why.
      if let label = options.label, described == nil, case .ok = cellRun.status {
        let expected = options.labelKind == .table ? "table" : "chart"
        warnings.append(
          "\(run.notebook.path):\(cellRun.cell.line): warning: label '\(label)' names no \(expected): the cell shows none")
      }
      for (outputIndex, output) in cellRun.outputs.enumerated() {
        guard let kind = Self.kind(of: output) else { continue }
        let number = counts[kind, default: 0] + 1
        counts[kind] = number
        let isDescribed = outputIndex == described
        let label = isDescribed ? options.label : nil
        let id = label ?? "\(kind == .table ? "table" : "figure")-\(number)"
        let caption = Self.caption(of: output, at: outputIndex, in: cellRun.outputs, options: options)
        byOutput[cellIndex, default: [:]][outputIndex] = all.count
        if let label { byLabel[label] = all.count }
        all.append(
          Float(kind: kind, number: number, id: id, label: label, caption: caption, cellIndex: cellIndex,
                outputIndex: outputIndex))
      }
    }
  }

  /// The float of an output, if it is a shown table or chart.
  func float(cell: Int, output: Int) -> Float? {
    byOutput[cell]?[output].map { all[$0] }
  }

  /// The float a label names.
  func float(label: String) -> Float? {
    byLabel[label].map { all[$0] }
  }

  /// The output a cell's label and caption describe: the first of the label's kind, or with no
  /// label the first table or chart.
  static func describedOutput(_ outputs: [DisplayItem], options: CellOptions) -> Int? {
    outputs.firstIndex { output in
      guard let kind = kind(of: output) else { return false }
      return options.labelKind.map { $0 == kind } ?? true
    }
  }

  /// The caption an output gets: the cell's for the described output, else the builtin's.
  static func caption(of output: DisplayItem, at index: Int, in outputs: [DisplayItem], options: CellOptions) -> String? {
    (index == describedOutput(outputs, options: options) ? options.caption : nil) ?? builtinCaption(of: output)
  }

  static func kind(of output: DisplayItem) -> FloatKind? {
    switch output {
    case .table: .table
    case .chart: .figure
    case .text: nil
    }
  }

  private static func builtinCaption(of output: DisplayItem) -> String? {
    switch output {
    case .table(let table): table.caption
    case .chart(let chart): chart.caption
    case .text: nil
    }
  }
}
