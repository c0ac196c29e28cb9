import Kernel
import NeuralNetwork
import Techniques

/// A network with exit heads in the language: `ee.model` (the shared backbone), `ee.exits`, `ee.macs`.
final class ExitModelObject: LabObject {
  static let typeName = "ExitModel"
  let model: MultiExitModel

  init(_ model: MultiExitModel) {
    self.model = model
  }

  static let memberDocs: [(name: String, doc: String)] = [
    ("model", "The backbone (the same Model, not a copy): train it with `penalties: [exit_loss(ee)]`."),
    ("exits", "The exits' layer paths, in execution order."),
    ("macs", "Multiply-accumulates per example of the backbone alone (the original network)."),
    ("head_macs", "Multiply-accumulates of each exit head."),
    ("segment_macs", "Multiply-accumulates of the backbone before each exit, then after the last."),
    ("classes", "The number of classes."),
    ("head_parameters", "Trainable scalars of all heads."),
  ]

  var memberNames: [String] { Self.memberDocs.map(\.name) }

  func member(_ name: String) throws -> Value? {
    switch name {
    case "model": return .object(ModelObject(model.backbone))
    case "exits": return .list(model.exitNames.map(Value.string))
    case "macs": return .number(Double(model.backboneMACs))
    case "head_macs": return .list(model.headMACs.map { .number(Double($0)) })
    case "segment_macs": return .list(model.segmentMACs.map { .number(Double($0)) })
    case "classes": return .number(Double(model.classCount))
    case "head_parameters": return .number(Double(model.headParameters.reduce(0) { $0 + $1.value.count }))
    default: return nil
    }
  }

  func exitRows() -> [Record] {
    var before = 0
    return model.exitNames.enumerated().map { j, name in
      before += model.segmentMACs[j]
      return Record([
        ("exit", .number(Double(j + 1))), ("layer", .string(name)), ("macs_before", .number(Double(before))),
        ("head_macs", .number(Double(model.headMACs[j]))), ("macs_after", .number(Double(model.segmentMACs[j + 1]))),
      ])
    }
  }

  func rows() -> [Record]? { exitRows() }

  var summary: String {
    "<ExitModel \(model.backbone.name) with \(model.heads.count) exits (\(model.exitNames.joined(separator: ", "))), "
      + "\(EarlyExitLibrary.grouped(model.backboneMACs)) MACs>"
  }

  func display() -> [DisplayItem] {
    var items: [DisplayItem] = [.text(summary)]
    let formats = ["macs_before", "head_macs", "macs_after"].reduce(into: [String: FormatSpec]()) { $0[$1] = try? FormatSpec(",d") }
    if let table = try? TableObject(
      columns: ["exit", "layer", "macs_before", "head_macs", "macs_after"], records: exitRows(), caption: nil, formats: formats)
    {
      items += table.display()
    }
    return items
  }
}
