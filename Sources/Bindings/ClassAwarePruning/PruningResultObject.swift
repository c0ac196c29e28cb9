import Kernel
import NeuralNetwork
import Techniques

/// A class-aware pruning run in the language: rows per round, the pruned `model`, importances `before` and `after`.
final class PruningResultObject: LabObject {
  static let typeName = "PruningResult"
  let result: ClassAwarePruningResult
  let fineTuning: FineTuning
  let threshold: Double

  init(_ result: ClassAwarePruningResult, fineTuning: FineTuning, threshold: Double) {
    self.result = result
    self.fineTuning = fineTuning
    self.threshold = threshold
  }

  static let memberDocs: [(name: String, doc: String)] = [
    ("model", "The pruned, fine-tuned network (a new Model; the one passed in is unchanged)."),
    ("rounds", "One record per round: accuracy, filters removed, parameters, MACs, whether it was kept."),
    ("before", "The FilterImportance of the unpruned network."),
    ("after", "The FilterImportance of the final network's filters."),
    ("filters", "One record per scored layer: `layer`, `before`, `after` filter counts."),
    ("counts", "The final filter count of each layer as records `{layer, count}` (for `prune_filters`)."),
    ("baseline", "Round 0 as a record: the unpruned network's accuracy, parameters and MACs."),
    ("final", "The last kept round as a record."),
    ("stop_reason", "Why pruning stopped, in words."),
    ("finetune_epochs", "Fine-tuning epochs the final network went through."),
    ("threshold", "The importance threshold used."),
  ]

  var memberNames: [String] { Self.memberDocs.map(\.name) }

  func member(_ name: String) throws -> Value? {
    switch name {
    case "model": return .object(ModelObject(result.model))
    case "rounds": return .list(roundRows().map(Value.record))
    case "before": return .object(FilterImportanceObject(result.initialImportance))
    case "after": return .object(FilterImportanceObject(result.finalImportance))
    case "filters": return .list(layerRows().map(Value.record))
    case "counts": return ClassAwarePruningLibrary.filterRows(result.final.cost.filters)
    case "baseline": return .record(roundRecord(result.baseline))
    case "final": return .record(roundRecord(result.final))
    case "stop_reason": return .string(result.stopReason.explanation)
    case "finetune_epochs": return .number(Double(result.fineTuneEpochs))
    case "threshold": return .number(threshold)
    default: return nil
    }
  }

  func roundRecord(_ round: PruningRound) -> Record {
    var fields: [(key: String, value: Value)] = [
      ("round", .number(Double(round.round))), ("accuracy", .number(round.accuracy)),
      ("below_threshold", .number(Double(round.belowThreshold))), ("removed", .number(Double(round.removed))),
      ("mean_importance", .number(round.meanImportance)),
    ]
    fields += ClassAwarePruningLibrary.costRecord(round.cost).fields
    fields.append(("kept", .bool(round.accepted)))
    return Record(fields)
  }

  func roundRows() -> [Record] { result.rounds.map(roundRecord) }

  func layerRows() -> [Record] {
    result.baseline.cost.filters.map { start in
      Record([
        ("layer", .string(start.layer)), ("before", .number(Double(start.count))),
        ("after", .number(Double(result.final.cost.filters(of: start.layer) ?? start.count))),
      ])
    }
  }

  func rows() -> [Record]? { roundRows() }

  var summary: String {
    let b = result.baseline
    let f = result.final
    return "<PruningResult: \(result.rounds.count - 1) rounds, accuracy \(percent(b.accuracy)) -> \(percent(f.accuracy)), "
      + "MACs \(ClassAwarePruningLibrary.grouped(b.cost.macs)) -> \(ClassAwarePruningLibrary.grouped(f.cost.macs)); "
      + "stopped: \(result.stopReason.explanation)>"
  }

  func percent(_ x: Double) -> String { NumberFormatting.plain((x * 1000).rounded() / 10) + "%" }

  func display() -> [DisplayItem] {
    var items: [DisplayItem] = [.text(summary)]
    var formats = [String: FormatSpec]()
    formats["accuracy"] = try? FormatSpec(".1%")
    formats["mean_importance"] = try? FormatSpec(".2f")
    formats["params"] = try? FormatSpec(",d")
    formats["macs"] = try? FormatSpec(",d")
    let columns = ["round", "accuracy", "below_threshold", "removed", "mean_importance", "params", "macs", "filters", "kept"]
    if let table = try? TableObject(columns: columns, records: roundRows(), caption: nil, formats: formats) {
      items += table.display()
    }
    return items
  }
}
