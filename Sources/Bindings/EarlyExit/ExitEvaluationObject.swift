import Kernel
import NeuralNetwork
import Techniques

/// Early-exit inference on a labelled set: accuracy (masked and unmasked), MACs, optional wall
/// times, and one row per exit (then the final layer).
final class ExitEvaluationObject: LabObject {
  static let typeName = "ExitEvaluation"
  let evaluation: ExitEvaluation
  let exitNames: [String]
  /// Wall times of the early-exit runs and of the original network at the same batch size, when timed.
  let timing: PairedTiming?

  init(_ evaluation: ExitEvaluation, exitNames: [String], timing: PairedTiming? = nil) {
    self.evaluation = evaluation
    self.exitNames = exitNames
    self.timing = timing
  }

  static let memberDocs: [(name: String, doc: String)] = [
    ("method", "\"exclusion\" or \"confidence\"."),
    ("accuracy", "Accuracy with the masked final decision (the paper's)."),
    ("accuracy_unmasked", "Accuracy with the final layer's plain argmax (the released test script's)."),
    ("macs", "Average multiply-accumulates per sample, heads included."),
    ("original_macs", "The original network's multiply-accumulates per sample."),
    ("mac_reduction", "`1 − macs / original_macs`."),
    ("seconds", "Wall time of the early-exit run, the median over the repeats (none unless `time: true`)."),
    ("original_seconds", "Wall time of the original network at the same batch size, the median over the repeats (none unless timed)."),
    ("time_reduction", "The median over the repeats of `1 − seconds / original_seconds`, each repeat timed batch by batch in pairs (none unless timed)."),
    ("exits", "One record per exit, then `final`: setting, reached, finished, mean classes excluded."),
    ("count", "The number of samples."),
    ("exit_points", "Every sample's exit, 1-based (the final layer is the number of exits + 1)."),
  ]

  var memberNames: [String] { Self.memberDocs.map(\.name) }

  func member(_ name: String) throws -> Value? {
    switch name {
    case "method":
      if case .confidence = evaluation.policy { return .string("confidence") }
      return .string("exclusion")
    case "accuracy": return .number(evaluation.accuracy)
    case "accuracy_unmasked": return .number(evaluation.unmaskedAccuracy)
    case "macs": return .number(evaluation.averageMACs)
    case "original_macs": return .number(Double(evaluation.originalMACs))
    case "mac_reduction": return .number(evaluation.macReduction)
    case "seconds": return timing.map { .number($0.medianEarly) } ?? Value.none
    case "original_seconds": return timing.map { .number($0.medianOriginal) } ?? Value.none
    case "time_reduction": return timing.map { .number($0.reduction) } ?? Value.none
    case "exits": return .list(exitRows().map(Value.record))
    case "count": return .number(Double(evaluation.outcomes.count))
    case "exit_points":
      return .list(evaluation.outcomes.map { .number(Double(($0.exit ?? exitNames.count) + 1)) })
    default: return nil
    }
  }

  func exitRows() -> [Record] {
    let n = Double(Swift.max(evaluation.outcomes.count, 1))
    return evaluation.exits.enumerated().map { j, row in
      Record([
        ("exit", .string(j < exitNames.count ? "\(j + 1) \(row.name)" : "final")),
        ("setting", row.setting.map(Value.number) ?? .none), ("reached", .number(Double(row.reached))),
        ("finished", .number(Double(row.finished))), ("finished_share", .number(Double(row.finished) / n)),
        ("mean_excluded", .number(row.meanExcluded)), ("mean_excluded_so_far", .number(row.meanExcludedSoFar)),
      ])
    }
  }

  func rows() -> [Record]? { exitRows() }

  var summary: String {
    var text = "<ExitEvaluation \(evaluation.policy.isConfidence ? "confidence" : "exclusion"): accuracy "
      + "\(EarlyExitLibrary.percent(evaluation.accuracy)) (unmasked \(EarlyExitLibrary.percent(evaluation.unmaskedAccuracy))), "
      + "\(EarlyExitLibrary.grouped(Int(evaluation.averageMACs.rounded()))) of \(EarlyExitLibrary.grouped(evaluation.originalMACs)) MACs "
      + "(−\(EarlyExitLibrary.percent(evaluation.macReduction)))"
    if let timing {
      text += ", \(NumberFormatting.plain((timing.medianEarly * 1000).rounded() / 1000)) s against "
        + "\(NumberFormatting.plain((timing.medianOriginal * 1000).rounded() / 1000)) s"
    }
    return text + ">"
  }

  func display() -> [DisplayItem] {
    var items: [DisplayItem] = [.text(summary)]
    var formats = [String: FormatSpec]()
    formats["finished_share"] = try? FormatSpec(".1%")
    formats["mean_excluded"] = try? FormatSpec(".2f")
    formats["mean_excluded_so_far"] = try? FormatSpec(".2f")
    formats["setting"] = try? FormatSpec(".2f")
    let columns = ["exit", "setting", "reached", "finished", "finished_share", "mean_excluded", "mean_excluded_so_far"]
    if let table = try? TableObject(columns: columns, records: exitRows(), caption: nil, formats: formats) {
      items += table.display()
    }
    return items
  }
}

extension ExitPolicy {
  /// Whether this is the confidence baseline.
  var isConfidence: Bool {
    if case .confidence = self { return true }
    return false
  }
}
