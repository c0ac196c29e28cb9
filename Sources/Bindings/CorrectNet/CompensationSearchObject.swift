import Kernel
import NeuralNetwork
import Tensor
import Techniques

/// The greedy choice of layers to compensate in the language (`select_compensation(...)`): rows are trials.
final class CompensationSearchObject: LabObject {
  static let typeName = "CompensationSearch"
  let result: CompensationSearchResult
  let hooks: [String: (Variable) throws -> Variable]
  let sigma: Double

  init(_ result: CompensationSearchResult, hooks: [String: (Variable) throws -> Variable], sigma: Double) {
    self.result = result
    self.hooks = hooks
    self.sigma = sigma
  }

  static let memberDocs: [(name: String, doc: String)] = [
    ("steps", "One record per trial: step, layer, accuracy, gain, added overhead, score, chosen."),
    ("layers", "The layers chosen, in the order they were."),
    ("compensation", "The Compensation of the chosen layers, trained."),
    ("baseline", "Validation accuracy under variation without compensation."),
    ("final", "Validation accuracy under variation with the chosen layers compensated."),
    ("clean", "Variation-free validation accuracy."),
    ("stop_reason", "Why the search stopped, in words."),
  ]

  var memberNames: [String] { Self.memberDocs.map(\.name) }

  func member(_ name: String) throws -> Value? {
    switch name {
    case "steps": return .list(stepRows().map(Value.record))
    case "layers": return .list(result.chosen.map(Value.string))
    case "compensation": return .object(CompensationObject(result.network, hooks: hooks, losses: [], sigma: sigma))
    case "baseline": return .number(result.baselineAccuracy)
    case "final": return .number(result.finalAccuracy)
    case "clean": return .number(result.cleanAccuracy)
    case "stop_reason": return .string(result.stopReason)
    default: return nil
    }
  }

  func stepRows() -> [Record] {
    result.steps.map { step in
      Record([
        ("step", .number(Double(step.step))), ("layer", .string(step.layer)), ("accuracy", .number(step.accuracy)),
        ("gain", .number(step.gain)), ("added_overhead", .number(step.addedOverhead)), ("score", .number(step.score)),
        ("chosen", .bool(step.chosen)),
      ])
    }
  }

  func rows() -> [Record]? { stepRows() }

  var summary: String {
    "<CompensationSearch: \(result.chosen.joined(separator: ", ")); accuracy \(result.baselineAccuracy) -> \(result.finalAccuracy); \(result.stopReason)>"
  }

  func display() -> [DisplayItem] {
    let caption = "Greedy search for the layers to compensate (σ \(NumberFormatting.plain(sigma))): chose "
      + "\(result.chosen.isEmpty ? "none" : result.chosen.joined(separator: ", ")); stopped because \(result.stopReason)"
    guard
      let table = try? TableObject(
        columns: ["step", "layer", "accuracy", "gain", "added_overhead", "score", "chosen"], records: stepRows(),
        caption: caption,
        formats: [
          "accuracy": try FormatSpec(".2%"), "gain": try FormatSpec("+.2%"), "added_overhead": try FormatSpec(".3%"),
          "score": try FormatSpec(".3g"),
        ])
    else { return [.text(summary)] }
    return table.display()
  }
}
