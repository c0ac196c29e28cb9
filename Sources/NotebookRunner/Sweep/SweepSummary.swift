import Charts
import Foundation
import Kernel

/// One report from the runs of a sweep: every number that varies becomes mean ± std over the
/// runs, every line gets a band of one standard deviation, and text that differs between runs
/// is the first run's, marked as such.
enum SweepSummary {
  /// The summary of `runs` (label, run), all of the same notebook; the first run gives the layout.
  static func combine(_ runs: [(label: String, run: NotebookRun)], swept: [String]) -> NotebookRun {
    guard var summary = runs.first?.run else { preconditionFailure("a sweep summary needs at least one run") }
    let others = runs.map(\.run)
    var notes = [
      "This report summarises \(runs.count) runs (\(runs.map(\.label).joined(separator: "; "))). A number that "
        + "differs between runs is shown as mean ± standard deviation over them; '(n = k)' marks one that only k runs "
        + "produced. Lines carry a band of ± one standard deviation. Text that differs between runs is the first "
        + "run's (\(runs[0].label)) and says so.",
    ]
    for (index, cell) in summary.cells.enumerated() {
      let failedIn = runs.filter { index < $0.run.cells.count && $0.run.cells[index].status.isFailure }.map(\.label)
      if !failedIn.isEmpty, failedIn.count < runs.count {
        notes.append("cell \(index + 1) (line \(cell.cell.line)) failed in \(failedIn.joined(separator: "; ")) only")
      }
      var outputs: [DisplayItem] = []
      for (position, item) in cell.outputs.enumerated() {
        let peers = others.compactMap { run -> DisplayItem? in
          guard index < run.cells.count, position < run.cells[index].outputs.count else { return nil }
          return run.cells[index].outputs[position]
        }
        outputs.append(combine(item, peers, firstLabel: runs[0].label, notes: &notes, place: "cell \(index + 1)"))
      }
      summary.cells[index].outputs = outputs
      summary.cells[index].duration = others.compactMap { index < $0.cells.count ? $0.cells[index].duration : nil }.max() ?? cell.duration
    }
    // The swept parameters show every value they took.
    for name in swept {
      let values = others.compactMap { $0.parameters[name] }
      summary.parameters.set(name, .list(values))
    }
    summary.notes = notes + summary.notes
    let what = "Summary of \(runs.count) runs (\(runs.map(\.label).joined(separator: "; "))): numbers that differ between runs are mean ± std."
    summary.notebook.frontMatter.description = [what, summary.notebook.frontMatter.description].compactMap { $0 }.joined(separator: " ")
    summary.duration = others.map(\.duration).max() ?? summary.duration
    summary.interrupted = others.contains(where: \.interrupted)
    return summary
  }

  // MARK: Outputs

  private static func combine(
    _ first: DisplayItem, _ all: [DisplayItem], firstLabel: String, notes: inout [String], place: String
  ) -> DisplayItem {
    switch first {
    case .text(let text):
      let same = all.allSatisfy { if case .text(let other) = $0 { return other == text } else { return false } }
      return same ? first : .text("[from the run \(firstLabel)]\n" + text)
    case .table(let table):
      let tables = all.compactMap { if case .table(let t) = $0 { return t } else { return nil } }
      guard tables.count == all.count, tables.allSatisfy({ $0.columns == table.columns && $0.rows.count == table.rows.count }) else {
        notes.append("\(place): the runs' tables differ in shape; the table shown is the first run's")
        return first
      }
      return .table(combine(tables))
    case .chart(let chart):
      let charts = all.compactMap { if case .chart(let c) = $0 { return c.spec } else { return nil } }
      guard charts.count == all.count else {
        notes.append("\(place): the runs' outputs differ in kind; the chart shown is the first run's")
        return first
      }
      guard let spec = combine(charts) else {
        notes.append("\(place): the runs' charts differ in their series or x values; the chart shown is the first run's")
        return first
      }
      return .chart(ChartDisplay(spec: spec, caption: chart.caption))
    }
  }

  /// A table whose varying numbers are mean ± std.
  static func combine(_ tables: [TableDisplay]) -> TableDisplay {
    var result = tables[0]
    for row in result.rows.indices {
      for column in result.columns.indices {
        let cells = tables.map { $0.rows[row][column] }
        let numbers = cells.compactMap(\.number)
        guard !numbers.isEmpty, cells[0].number != nil else { continue }
        if numbers.count == cells.count, numbers.allSatisfy({ $0 == numbers[0] || ($0.isNaN && numbers[0].isNaN) }) { continue }
        let (mean, std) = meanAndDeviation(numbers)
        let format = NumberStyle(text: cells[0].text, number: cells[0].number!)
        var text = format.string(mean) + " ± " + format.string(std, isSpread: true)
        if numbers.count < cells.count { text += " (n = \(numbers.count))" }
        result.rows[row][column] = TableCell(text: text, number: mean)
      }
    }
    return result
  }

  /// A chart whose y values are means over the runs; lines get a ± std band. Nil when the
  /// charts do not line up (other series, other x values).
  static func combine(_ specs: [ChartSpec]) -> ChartSpec? {
    var result = specs[0]
    switch result.kind {
    case .heatmap:
      guard let grid = result.grid else { return result }
      let grids = specs.compactMap(\.grid?.values)
      guard grids.count == specs.count, grids.allSatisfy({ $0.count == grid.values.count && zip($0, grid.values).allSatisfy { $0.count == $1.count } }) else { return nil }
      result.grid?.values = grid.values.indices.map { r in grid.values[r].indices.map { c in meanAndDeviation(grids.map { $0[r][c] }).mean } }
      return result
    case .histogram:
      // The samples of every run, pooled.
      guard specs.allSatisfy({ $0.series.map(\.name) == result.series.map(\.name) }) else { return nil }
      for index in result.series.indices { result.series[index].y = specs.flatMap { $0.series[index].y } }
      return result
    case .line, .scatter, .bar:
      guard specs.allSatisfy({ $0.series.count == result.series.count && $0.categories == result.categories }) else { return nil }
      for index in result.series.indices {
        let series = specs.map { $0.series[index] }
        guard series.allSatisfy({ $0.name == series[0].name && $0.x == series[0].x && $0.y.count == series[0].y.count }) else { return nil }
        let stats = series[0].y.indices.map { i in meanAndDeviation(series.map { $0.y[i] }) }
        result.series[index].y = stats.map(\.mean)
        if result.kind == .line, specs.count > 1 {
          result.series[index].lower = stats.map { $0.mean - $0.std }
          result.series[index].upper = stats.map { $0.mean + $0.std }
        }
      }
      return result
    }
  }

  /// The mean and the sample standard deviation (n − 1; 0 for one value).
  static func meanAndDeviation(_ values: [Double]) -> (mean: Double, std: Double) {
    guard !values.isEmpty else { return (.nan, .nan) }
    let mean = values.reduce(0, +) / Double(values.count)
    guard values.count > 1 else { return (mean, 0) }
    let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)
    return (mean, variance.squareRoot())
  }
}

/// How a table wrote a number (`85.3%`, `1,234`, `0.0123`, `1.2e-05`), to write the mean and
/// deviation the same way.
struct NumberStyle {
  var decimals: Int
  var percent: Bool
  var grouped: Bool
  var scientific: Bool

  init(text: String, number: Double) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    percent = trimmed.hasSuffix("%") && number.isFinite
      && (Double(trimmed.dropLast().replacingOccurrences(of: ",", with: "")).map { Swift.abs($0 - number * 100) <= Swift.max(1e-6, Swift.abs(number) * 1e-3 * 100) } ?? false)
    grouped = trimmed.contains(",")
    scientific = trimmed.lowercased().contains("e") && Double(trimmed) != nil
    let mantissa = scientific ? String(trimmed.lowercased().split(separator: "e").first ?? "") : trimmed
    if let dot = mantissa.firstIndex(of: ".") {
      decimals = mantissa[mantissa.index(after: dot)...].prefix { $0.isNumber }.count
    } else {
      decimals = 0
    }
  }

  /// `value` written in this style; a spread gets at least one significant digit.
  func string(_ value: Double, isSpread: Bool = false) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    if scientific { return String(format: "%.\(decimals)e", value) }
    var shown = percent ? value * 100 : value
    var places = decimals
    if isSpread, shown != 0 {
      // 0.004 at one decimal would read 0.0: show its first significant digit instead.
      while places < 6, (shown * pow(10, Double(places))).rounded() == 0 { places += 1 }
    }
    shown = (shown * pow(10, Double(places))).rounded() / pow(10, Double(places))
    var body = String(format: "%.\(places)f", shown)
    if grouped { body = Self.grouping(body) }
    return percent ? body + "%" : body
  }

  private static func grouping(_ text: String) -> String {
    let negative = text.hasPrefix("-")
    let unsigned = negative ? String(text.dropFirst()) : text
    let parts = unsigned.split(separator: ".", maxSplits: 1)
    var integer = String(parts[0])
    var groups: [String] = []
    while integer.count > 3 {
      groups.insert(String(integer.suffix(3)), at: 0)
      integer = String(integer.dropLast(3))
    }
    groups.insert(integer, at: 0)
    return (negative ? "-" : "") + groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
  }
}
