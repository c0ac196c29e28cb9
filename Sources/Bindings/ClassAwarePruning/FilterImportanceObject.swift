import Kernel
import NeuralNetwork
import Techniques

/// Filter importance in the language: rows per filter (`layer`, `filter`, `importance`, `taylor`),
/// `imp.scores` for a histogram, `imp.by_layer` for a summary.
final class FilterImportanceObject: LabObject {
  static let typeName = "FilterImportance"
  let importance: FilterImportance

  init(_ importance: FilterImportance) {
    self.importance = importance
  }

  static let memberDocs: [(name: String, doc: String)] = [
    ("scores", "Every filter's importance (a soft count of classes, 0 to the number of classes), layer after layer."),
    ("mean", "The mean importance over all filters."),
    ("layers", "The names of the scored convolutions."),
    ("class_count", "The number of classes (the largest possible importance)."),
    ("by_layer", "One row per layer: filters, mean, min and max importance."),
    ("layer", "`layer(name)`: the importance of each filter of one layer."),
    ("per_class", "`per_class(name)`: rows of classes by filters, each filter's score for each class (0 to 1)."),
    ("below", "`below(threshold)`: how many filters have an importance below `threshold`."),
    ("taylor", "Molchanov's Taylor criterion of every filter (normalised per layer), layer after layer."),
  ]

  var memberNames: [String] { Self.memberDocs.map(\.name) }

  func member(_ name: String) throws -> Value? {
    switch name {
    case "scores": return .list(importance.allScores.map(Value.number))
    case "mean": return .number(importance.meanScore)
    case "layers": return .list(importance.layers.map { .string($0.layer) })
    case "class_count": return .number(Double(importance.classCount))
    case "by_layer": return .list(layerRows().map(Value.record))
    case "taylor": return .list(importance.layers.flatMap(\.taylor).map(Value.number))
    case "layer":
      return method(name, doc: "One layer's importances.", parameters: [Parameter("name", .string)], returns: .list) {
        object, args, _ in .list(try object.entry(try args.string("name"), args).importance.map(Value.number))
      }
    case "per_class":
      return method(name, doc: "Class-by-filter scores.", parameters: [Parameter("name", .string)], returns: .list) {
        object, args, _ in .list(try object.entry(try args.string("name"), args).perClass.map { .list($0.map(Value.number)) })
      }
    case "below":
      return method(name, doc: "Filters below a threshold.", parameters: [Parameter("threshold", .number)], returns: .number) {
        object, args, _ in
        let t = try args.number("threshold")
        return .number(Double(object.importance.allScores.filter { $0 < t }.count))
      }
    default: return nil
    }
  }

  func entry(_ name: String, _ args: Arguments) throws -> LayerImportance {
    guard let entry = importance.layer(name) else {
      let names = importance.layers.map(\.layer)
      throw args.error("name", "is not a scored layer: '\(name)'" + Suggestion.hint(for: name, among: names))
    }
    return entry
  }

  func layerRows() -> [Record] {
    importance.layers.map { entry in
      let s = entry.importance
      return Record([
        ("layer", .string(entry.layer)), ("filters", .number(Double(s.count))),
        ("mean", .number(s.isEmpty ? 0 : s.reduce(0, +) / Double(s.count))),
        ("min", .number(s.min() ?? 0)), ("max", .number(s.max() ?? 0)),
      ])
    }
  }

  /// One row per filter.
  func rows() -> [Record]? {
    importance.layers.flatMap { entry in
      entry.importance.indices.map { f in
        Record([
          ("layer", .string(entry.layer)), ("filter", .number(Double(f))), ("importance", .number(entry.importance[f])),
          ("taylor", .number(entry.taylor[safe: f] ?? 0)),
        ])
      }
    }
  }

  var summary: String {
    let filters = importance.layers.reduce(0) { $0 + $1.filterCount }
    return "<FilterImportance: \(filters) filters in \(importance.layers.count) layers, mean "
      + "\(NumberFormatting.plain((importance.meanScore * 100).rounded() / 100)) of \(importance.classCount) classes>"
  }

  func display() -> [DisplayItem] {
    var items: [DisplayItem] = [.text(summary)]
    let formats = ["mean": try? FormatSpec(".2f"), "min": try? FormatSpec(".2f"), "max": try? FormatSpec(".2f")]
    if let table = try? TableObject(
      columns: ["layer", "filters", "mean", "min", "max"], records: layerRows(), caption: nil,
      formats: formats.compactMapValues { $0 })
    {
      items += table.display()
    }
    return items
  }
}

extension Array {
  /// The element at `index`, or nil outside the array.
  fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
