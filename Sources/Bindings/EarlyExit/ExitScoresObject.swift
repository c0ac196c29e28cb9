import Kernel
import NeuralNetwork
import Techniques

/// Every head's and the final layer's logits on one split, for `beta_search`, `cr_search` and `exit_replay`.
final class ExitScoresObject: LabObject {
  static let typeName = "ExitScores"
  let scores: ExitScores
  let part: String

  init(_ scores: ExitScores, part: String) {
    self.scores = scores
    self.part = part
  }

  static let memberDocs: [(name: String, doc: String)] = [
    ("count", "The number of samples."),
    ("part", "The split the scores come from (`validation`, `test`)."),
    ("exits", "The exits' layer paths."),
    ("original_accuracy", "The final layer's accuracy alone (the original network)."),
    ("original_macs", "The backbone's multiply-accumulates per sample."),
  ]

  var memberNames: [String] { Self.memberDocs.map(\.name) }

  func member(_ name: String) throws -> Value? {
    switch name {
    case "count": return .number(Double(scores.count))
    case "part": return .string(part)
    case "exits": return .list(scores.exitNames.map(Value.string))
    case "original_accuracy": return .number(scores.originalAccuracy)
    case "original_macs": return .number(Double(scores.originalMACs))
    default: return nil
    }
  }

  var summary: String {
    "<ExitScores of \(scores.count) \(part) samples at \(scores.exits.count) exits, original accuracy "
      + "\(EarlyExitLibrary.percent(scores.originalAccuracy))>"
  }
}
