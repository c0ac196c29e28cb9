import Foundation

/// Compares a fresh sidecar with a stored one: every table cell and chart series, number by
/// number within the notebook's tolerances, and the parameters and errors exactly.
/// `provenance` (times, machine) is not compared.
struct SidecarComparison {
  /// The notebook whose sidecars are compared (for its tolerances and path).
  let notebook: Notebook
  private(set) var differences: [CheckDifference] = []
  /// How many tables and charts were compared.
  private(set) var tablesCompared = 0
  private(set) var chartsCompared = 0

  init(notebook: Notebook) {
    self.notebook = notebook
  }

  /// Compares `fresh` (this run) with `stored` (the report in the site folder).
  mutating func compare(fresh: [String: Any], stored: [String: Any]) {
    if !Self.equalJSON(fresh["parameters"], stored["parameters"]) {
      note(line: 1, "parameters", "the report was made with \(Self.text(stored["parameters"])), this run used \(Self.text(fresh["parameters"]))")
    }
    compareErrors(fresh: fresh["errors"] as? [Any] ?? [], stored: stored["errors"] as? [Any] ?? [])
    compareFloats(fresh: fresh["tables"] as? [Any] ?? [], stored: stored["tables"] as? [Any] ?? [], kind: "table")
    compareFloats(fresh: fresh["charts"] as? [Any] ?? [], stored: stored["charts"] as? [Any] ?? [], kind: "chart")
  }

  // MARK: Parts

  private mutating func compareErrors(fresh: [Any], stored: [Any]) {
    func describe(_ error: Any) -> (Int, String) {
      let record = error as? [String: Any] ?? [:]
      return ((record["line"] as? Double).map(Int.init) ?? 1, record["message"] as? String ?? "")
    }
    let freshErrors = fresh.map(describe)
    let storedErrors = stored.map(describe)
    for (line, message) in freshErrors where !storedErrors.contains(where: { $0.1 == message }) {
      note(line: line, "error", "the cell now fails: \(message)")
    }
    for (line, message) in storedErrors where !freshErrors.contains(where: { $0.1 == message }) {
      note(line: line, "error", "the cell no longer fails with: \(message)")
    }
  }

  private mutating func compareFloats(fresh: [Any], stored: [Any], kind: String) {
    let word = kind == "table" ? "tables" : "charts"
    if fresh.count != stored.count {
      note(line: 1, word, "the report has \(stored.count) \(word), this run made \(fresh.count)")
    }
    for (new, old) in zip(fresh, stored) {
      guard let new = new as? [String: Any], let old = old as? [String: Any] else { continue }
      let line = (new["line"] as? Double).map(Int.init) ?? 1
      let number = (new["number"] as? Double).map { String(Int($0)) } ?? "?"
      let label = (new["label"] as? String).map { " (\($0))" } ?? ""
      let place = "\(kind == "table" ? "Table" : "Figure") \(number)\(label)"
      let tolerances = tolerances(forCell: (new["cell"] as? Double).map(Int.init))
      if !Self.textAgrees(new["caption"] as? String, old["caption"] as? String, tolerance: tolerances.tolerance(for: "*")) {
        note(line: line, place, "caption \(Self.text(old["caption"])) → \(Self.text(new["caption"]))")
      }
      if kind == "table" {
        tablesCompared += 1
        compareTable(new, old, place: place, line: line, tolerances: tolerances)
      } else {
        chartsCompared += 1
        compareChart(new["spec"] as? [String: Any] ?? [:], old["spec"] as? [String: Any] ?? [:], place: place, line: line, tolerances: tolerances)
      }
    }
  }

  private mutating func compareTable(_ new: [String: Any], _ old: [String: Any], place: String, line: Int, tolerances: Tolerances) {
    let columns = new["columns"] as? [String] ?? []
    let oldColumns = old["columns"] as? [String] ?? []
    guard columns == oldColumns else {
      note(line: line, place, "columns \(oldColumns) → \(columns)")
      return
    }
    let rows = new["rows"] as? [[Any]] ?? []
    let oldRows = old["rows"] as? [[Any]] ?? []
    if rows.count != oldRows.count { note(line: line, place, "\(oldRows.count) rows → \(rows.count)") }
    for (index, (row, oldRow)) in zip(rows, oldRows).enumerated() {
      for (column, (value, oldValue)) in zip(columns, zip(row, oldRow)) {
        let tolerance = tolerances.tolerance(for: column)
        if let message = Self.difference(value, oldValue, tolerance: tolerance) {
          note(line: line, "\(place), row \(index + 1), column '\(column)'", message)
        }
      }
    }
  }

  private mutating func compareChart(_ new: [String: Any], _ old: [String: Any], place: String, line: Int, tolerances: Tolerances) {
    let series = new["series"] as? [[String: Any]] ?? []
    let oldSeries = old["series"] as? [[String: Any]] ?? []
    if series.count != oldSeries.count { note(line: line, place, "\(oldSeries.count) series → \(series.count)") }
    for (one, oldOne) in zip(series, oldSeries) {
      let name = one["name"] as? String ?? ""
      let oldName = oldOne["name"] as? String ?? ""
      let tolerance = tolerances.tolerance(for: name)
      guard Self.textAgrees(name, oldName, tolerance: tolerance) else {
        note(line: line, place, "series '\(oldName)' → '\(name)'")
        continue
      }
      for axis in ["x", "y", "lower", "upper"] {
        compareNumbers(one[axis] as? [Double] ?? [], oldOne[axis] as? [Double] ?? [], place: "\(place), series '\(name)', \(axis)", line: line, tolerance: tolerance)
      }
    }
    let grid = (new["grid"] as? [String: Any])?["values"] as? [[Double]] ?? []
    let oldGrid = (old["grid"] as? [String: Any])?["values"] as? [[Double]] ?? []
    if grid.count != oldGrid.count { note(line: line, place, "\(oldGrid.count) grid rows → \(grid.count)") }
    for (index, (row, oldRow)) in zip(grid, oldGrid).enumerated() {
      compareNumbers(row, oldRow, place: "\(place), grid row \(index + 1)", line: line, tolerance: tolerances.tolerance(for: "*"))
    }
    // Everything else (kind, titles, labels, categories, scales): text, numbers within the tolerance.
    for key in Set(new.keys).union(old.keys).subtracting(["series", "grid"]).sorted() {
      if !Self.equalJSON(new[key], old[key]),
        !Self.textAgrees(Self.text(new[key]), Self.text(old[key]), tolerance: tolerances.tolerance(for: "*"))
      {
        note(line: line, "\(place), \(key)", "\(Self.text(old[key])) → \(Self.text(new[key]))")
      }
    }
  }

  private mutating func compareNumbers(_ new: [Double], _ old: [Double], place: String, line: Int, tolerance: Double) {
    if new.count != old.count {
      note(line: line, place, "\(old.count) values → \(new.count)")
      return
    }
    for (index, (a, b)) in zip(new, old).enumerated() where !Tolerances.agree(a, b, within: tolerance) {
      note(line: line, "\(place)[\(index + 1)]", Self.change(b, a, tolerance: tolerance))
    }
  }

  private mutating func note(line: Int, _ place: String, _ message: String) {
    differences.append(CheckDifference(file: notebook.path, line: line, place: place, message: message))
  }

  /// The front matter's tolerances with cell `number`'s over them.
  private func tolerances(forCell number: Int?) -> Tolerances {
    let base = notebook.frontMatter.tolerance ?? Tolerances()
    guard let number, number >= 1, number <= notebook.cells.count else { return base }
    return base.overridden(by: notebook.cells[number - 1].options.tolerance)
  }

  // MARK: Values

  /// Why two table cells differ, or nil when they agree: numbers within the tolerance, text
  /// equal apart from the numbers written in it ("85.3 ± 0.4").
  static func difference(_ new: Any, _ old: Any, tolerance: Double) -> String? {
    switch (number(new), number(old)) {
    case (let a?, let b?):
      return Tolerances.agree(a, b, within: tolerance) ? nil : change(b, a, tolerance: tolerance)
    case (nil, nil):
      let a = new as? String ?? text(new)
      let b = old as? String ?? text(old)
      return textAgrees(a, b, tolerance: tolerance) ? nil : "'\(b)' → '\(a)'"
    default:
      return "\(text(old)) → \(text(new))"
    }
  }

  /// Whether two texts are the same apart from numbers that agree within the tolerance.
  static func textAgrees(_ a: String?, _ b: String?, tolerance: Double) -> Bool {
    guard let a, let b else { return a == b }
    if a == b { return true }
    let (wordsA, numbersA) = split(a)
    let (wordsB, numbersB) = split(b)
    guard wordsA == wordsB, numbersA.count == numbersB.count else { return false }
    return zip(numbersA, numbersB).allSatisfy { Tolerances.agree($0, $1, within: tolerance) }
  }

  /// A text's words with every number replaced by `#`, and the numbers in order.
  static func split(_ text: String) -> (String, [Double]) {
    let source = text as NSString
    var words = ""
    var numbers: [Double] = []
    var position = 0
    for match in numberPattern.matches(in: text, range: NSRange(location: 0, length: source.length)) {
      words += source.substring(with: NSRange(location: position, length: match.range.location - position)) + "#"
      numbers.append(Double(source.substring(with: match.range).replacingOccurrences(of: ",", with: "")) ?? .nan)
      position = match.range.location + match.range.length
    }
    words += source.substring(from: position)
    return (words, numbers)
  }

  /// `-1,234.5e-3`: an optional sign, digits with thousands separators, a fraction, an exponent.
  private static let numberPattern = try! NSRegularExpression(
    pattern: "-?[0-9][0-9,]*(\\.[0-9]+)?([eE][-+]?[0-9]+)?")

  private static func number(_ value: Any) -> Double? {
    if value is String || value is NSNull { return nil }
    return value as? Double
  }

  static func change(_ old: Double, _ new: Double, tolerance: Double) -> String {
    let difference = Swift.abs(new - old)
    return "\(format(old)) → \(format(new)) (differs by \(format(difference)), tolerance \(format(tolerance)))"
  }

  private static func format(_ value: Double) -> String {
    if value == value.rounded(), Swift.abs(value) < 1e15 { return String(Int(value)) }
    return String(format: "%.6g", value)
  }

  static func text(_ value: Any?) -> String {
    guard let value, !(value is NSNull) else { return "none" }
    if let text = value as? String { return text }
    if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) {
      return String(decoding: data, as: UTF8.self)
    }
    return "\(value)"
  }

  static func equalJSON(_ a: Any?, _ b: Any?) -> Bool { text(a) == text(b) }
}
