import Kernel
import NeuralNetwork
import Techniques

/// The outcome of `beta_search` or `cr_search`: the chosen setting and every trial (the rows).
final class ExitSearchObject: LabObject {
  static let typeName = "ExitSearch"
  /// The β search's result, or nil for a threshold search.
  let betas: BetaSearchResult?
  /// The threshold search's result, or nil for a β search.
  let threshold: ThresholdSearchResult?
  let exitNames: [String]
  let tolerance: Double

  init(betas: BetaSearchResult, exitNames: [String], tolerance: Double) {
    self.betas = betas
    self.threshold = nil
    self.exitNames = exitNames
    self.tolerance = tolerance
  }

  init(threshold: ThresholdSearchResult, exitNames: [String], tolerance: Double) {
    self.betas = nil
    self.threshold = threshold
    self.exitNames = exitNames
    self.tolerance = tolerance
  }

  static let memberDocs: [(name: String, doc: String)] = [
    ("method", "\"exclusion\" (β search) or \"confidence\" (CR threshold search)."),
    ("betas", "One β per exit (none where the exit is off); none for a threshold search."),
    ("threshold", "The CR threshold; none for a β search."),
    ("order", "The exits in the order the β search visited them."),
    ("tolerance", "The accuracy drop allowed on the validation split."),
    ("original_accuracy", "The original network's validation accuracy."),
    ("accuracy", "Validation accuracy with the chosen setting."),
    ("macs", "Average multiply-accumulates per validation sample with the chosen setting."),
    ("trials", "Every setting tried, as records `{exit, value, accuracy, macs, accepted}`."),
  ]

  var memberNames: [String] { Self.memberDocs.map(\.name) }

  var trials: [SearchTrial] { betas?.trials ?? threshold?.trials ?? [] }

  func member(_ name: String) throws -> Value? {
    switch name {
    case "method": return .string(betas != nil ? "exclusion" : "confidence")
    case "betas": return betas.map { .list($0.betas.map { $0.map(Value.number) ?? .none }) } ?? Value.none
    case "threshold": return threshold.map { .number($0.threshold) } ?? Value.none
    case "order": return betas.map { .list($0.order.map { .string(exitNames[$0]) }) } ?? Value.none
    case "tolerance": return .number(tolerance)
    case "original_accuracy": return .number(betas?.originalAccuracy ?? threshold?.originalAccuracy ?? 0)
    case "accuracy": return .number(betas?.accuracy ?? threshold?.accuracy ?? 0)
    case "macs": return .number(betas?.averageMACs ?? threshold?.averageMACs ?? 0)
    case "trials": return .list(trialRows().map(Value.record))
    default: return nil
    }
  }

  func trialRows() -> [Record] {
    trials.map { t in
      Record([
        ("exit", t.exit.map { .string(exitNames[$0]) } ?? .string("all")), ("value", .number(t.value)),
        ("accuracy", .number(t.accuracy)), ("macs", .number(t.averageMACs)), ("accepted", .bool(t.accepted)),
      ])
    }
  }

  func rows() -> [Record]? { trialRows() }

  var summary: String {
    if let betas {
      let shown = betas.betas.map { $0.map { NumberFormatting.plain(($0 * 100).rounded() / 100) } ?? "off" }
      return "<ExitSearch exclusion, tolerance \(NumberFormatting.plain(tolerance)): β = [\(shown.joined(separator: ", "))], "
        + "validation accuracy \(EarlyExitLibrary.percent(betas.accuracy)) (original \(EarlyExitLibrary.percent(betas.originalAccuracy))), "
        + "\(betas.trials.count) trials>"
    }
    let t = threshold
    return "<ExitSearch confidence, tolerance \(NumberFormatting.plain(tolerance)): threshold "
      + "\(NumberFormatting.plain(((t?.threshold ?? 1) * 100).rounded() / 100)), validation accuracy "
      + "\(EarlyExitLibrary.percent(t?.accuracy ?? 0)) (original \(EarlyExitLibrary.percent(t?.originalAccuracy ?? 0))), "
      + "\(trials.count) trials>"
  }
}
