/// Collects a cell's outputs and enforces the output limits.
final class OutputCollector {
  private(set) var items: [DisplayItem] = []
  private var bytes = 0
  private var count = 0
  /// Consecutive `print` lines join into one text block.
  private var printing = false

  /// A line of `print` output.
  func print(_ line: String) throws {
    try account(bytes: line.utf8.count + 1)
    if printing, case .text(let previous)? = items.last {
      items[items.count - 1] = .text(previous + "\n" + line)
    } else {
      items.append(.text(line))
    }
    printing = true
  }

  /// Rich outputs (`show`, a cell's last value).
  func show(_ newItems: [DisplayItem]) throws {
    for item in newItems {
      try account(bytes: OutputCollector.size(of: item))
      items.append(item)
    }
    printing = false
  }

  private func account(bytes more: Int) throws {
    count += 1
    bytes += more
    if count > Limits.maximumOutputs {
      throw Diagnostic("cell produced more than \(Limits.maximumOutputs) outputs", at: nil)
    }
    if bytes > Limits.maximumOutputBytes {
      throw Diagnostic("cell output exceeds \(Limits.maximumOutputBytes / 1_000_000) MB; print less, or summarise with table()", at: nil)
    }
  }

  /// An estimate of what an item weighs in the report.
  static func size(of item: DisplayItem) -> Int {
    switch item {
    case .text(let text): return text.utf8.count
    case .table(let table):
      return table.columns.reduce(0) { $0 + $1.utf8.count }
        + table.rows.reduce(0) { $0 + $1.reduce(0) { $0 + $1.text.utf8.count + 1 } }
    case .chart(let chart):
      let points = chart.spec.series.reduce(0) { $0 + $1.x.count + $1.y.count }
      let cells = chart.spec.grid?.values.reduce(0) { $0 + $1.count } ?? 0
      return 8 * (points + cells) + 256
    }
  }
}
