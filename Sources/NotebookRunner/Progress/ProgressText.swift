import Kernel

/// Formatting shared by the progress displays.
enum ProgressText {
  /// `0.04 s`, `3.2 s`, `2 min 05 s`.
  static func duration(_ seconds: Double) -> String {
    let seconds = max(0, seconds)
    if seconds < 1 { return String(format: "%.2f s", seconds) }
    if seconds < 60 { return String(format: "%.1f s", seconds) }
    let whole = Int(seconds.rounded())
    return String(format: "%d min %02d s", whole / 60, whole % 60)
  }

  /// `[#####.....] 5/10 epoch`, or `5 epoch` when the total is unknown.
  static func bar(_ event: ProgressEvent, width: Int = 10) -> String {
    guard let total = event.total, total > 0 else { return "\(event.done) \(event.task)" }
    let done = min(max(event.done, 0), total)
    let filled = Int((Double(done) / Double(total) * Double(width)).rounded(.down))
    return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
      + "\(event.done)/\(total) \(event.task)"
  }

  /// `rendered notebooks/x.md: 12 cells, 0 failed, 3.2 s`.
  static func summary(_ run: NotebookRun, verb: String) -> String {
    var parts = ["\(run.cells.count) \(run.cells.count == 1 ? "cell" : "cells")", "\(run.failedCount) failed"]
    let notRun = run.cells.filter(\.status.isNotRun).count
    if notRun > 0 { parts.append("\(notRun) not run") }
    if run.interrupted { parts.append("interrupted") }
    parts.append(duration(run.duration))
    return "\(verb) \(run.notebook.path): " + parts.joined(separator: ", ")
  }
}
