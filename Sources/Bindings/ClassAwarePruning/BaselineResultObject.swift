import Kernel
import NeuralNetwork
import Techniques

/// A baseline-pruned network in the language: `model`, `accuracy`, `params`, `macs`.
final class BaselineResultObject: LabObject {
  static let typeName = "BaselineResult"
  let result: BaselineResult

  init(_ result: BaselineResult) {
    self.result = result
  }

  static let memberDocs: [(name: String, doc: String)] = [
    ("model", "The pruned, fine-tuned network."),
    ("method", "The criterion: \"l1\", \"taylor\" or \"random\"."),
    ("accuracy", "Test accuracy after fine-tuning."),
    ("accuracy_before_finetune", "Test accuracy right after the filters were removed."),
    ("params", "Trainable parameters."),
    ("macs", "Multiply-accumulates of one inference."),
    ("epochs", "Fine-tuning epochs spent."),
    ("removed", "Filters removed."),
    ("counts", "The filter count of each layer as records `{layer, count}`."),
  ]

  var memberNames: [String] { Self.memberDocs.map(\.name) }

  func member(_ name: String) throws -> Value? {
    switch name {
    case "model": return .object(ModelObject(result.model))
    case "method": return .string(result.criterion.rawValue)
    case "accuracy": return .number(result.accuracy)
    case "accuracy_before_finetune": return .number(result.accuracyBeforeFineTuning)
    case "params": return .number(Double(result.cost.parameters))
    case "macs": return .number(Double(result.cost.macs))
    case "epochs": return .number(Double(result.fineTuneEpochs))
    case "removed": return .number(Double(result.removed))
    case "counts": return ClassAwarePruningLibrary.filterRows(result.cost.filters)
    default: return nil
    }
  }

  var summary: String {
    "<BaselineResult \(result.criterion.rawValue): accuracy \(NumberFormatting.plain((result.accuracy * 1000).rounded() / 10))% "
      + "after \(result.fineTuneEpochs) epochs, \(ClassAwarePruningLibrary.grouped(result.cost.parameters)) parameters, "
      + "\(ClassAwarePruningLibrary.grouped(result.cost.macs)) MACs>"
  }
}
