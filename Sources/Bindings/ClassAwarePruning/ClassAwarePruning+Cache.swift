import Kernel
import NeuralNetwork
import Techniques

extension FilterImportanceObject: CacheableObject {
  /// The scores (as JSON).
  func encode(to writer: CacheWriter) throws {
    try writer.codable(importance)
  }

  /// Reads what ``encode(to:)`` wrote.
  static func decode(from reader: CacheReader) throws -> FilterImportanceObject {
    FilterImportanceObject(try reader.codable(FilterImportance.self))
  }
}

extension PruningResultObject: CacheableObject {
  /// The pruned model, handed out by `result.model` (training it changes this result's model).
  var cacheChildren: [LabObject] { [ModelObject(result.model)] }

  /// The rounds, importances, stop reason, fine-tuning and threshold (as JSON) and the model.
  func encode(to writer: CacheWriter) throws {
    try writer.codable(result.rounds)
    try writer.codable(result.initialImportance)
    try writer.codable(result.finalImportance)
    try writer.codable(result.stopReason)
    writer.int(result.fineTuneEpochs)
    try writer.codable(fineTuning)
    writer.double(threshold)
    try writer.object(ModelObject(result.model))
  }

  /// Reads what ``encode(to:)`` wrote.
  static func decode(from reader: CacheReader) throws -> PruningResultObject {
    let rounds = try reader.codable([PruningRound].self)
    guard !rounds.isEmpty else { throw CacheFormatError("cached pruning result has no rounds") }
    let initial = try reader.codable(FilterImportance.self)
    let final = try reader.codable(FilterImportance.self)
    let stop = try reader.codable(PruningStopReason.self)
    let epochs = try reader.int()
    let fineTuning = try reader.codable(FineTuning.self)
    let threshold = try reader.double()
    let model = try reader.object(as: ModelObject.self)
    guard model.hooks.isEmpty else { throw CacheFormatError("cached pruning result has a quantised model") }
    let result = ClassAwarePruningResult(
      rounds: rounds, initialImportance: initial, finalImportance: final, stopReason: stop, model: model.model,
      fineTuneEpochs: epochs)
    return PruningResultObject(result, fineTuning: fineTuning, threshold: threshold)
  }
}

extension BaselineResultObject: CacheableObject {
  /// The pruned model, handed out by `result.model`.
  var cacheChildren: [LabObject] { [ModelObject(result.model)] }

  /// The criterion, accuracies, cost and counts (as JSON) and the model.
  func encode(to writer: CacheWriter) throws {
    try writer.codable(result.criterion)
    writer.double(result.accuracyBeforeFineTuning)
    writer.double(result.accuracy)
    try writer.codable(result.cost)
    writer.int(result.fineTuneEpochs)
    writer.int(result.removed)
    try writer.object(ModelObject(result.model))
  }

  /// Reads what ``encode(to:)`` wrote.
  static func decode(from reader: CacheReader) throws -> BaselineResultObject {
    let criterion = try reader.codable(BaselineCriterion.self)
    let before = try reader.double()
    let accuracy = try reader.double()
    let cost = try reader.codable(NetworkCost.self)
    let epochs = try reader.int()
    let removed = try reader.int()
    let model = try reader.object(as: ModelObject.self)
    return BaselineResultObject(
      BaselineResult(
        criterion: criterion, model: model.model, accuracyBeforeFineTuning: before, accuracy: accuracy, cost: cost,
        fineTuneEpochs: epochs, removed: removed))
  }
}
