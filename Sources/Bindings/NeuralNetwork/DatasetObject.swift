import Kernel
import NeuralNetwork

/// One labelled set of examples in the language (`data.train`, `data.test`): `count`, `labels`, `classes`.
public final class DatasetObject: LabObject {
  /// `Dataset`.
  public static let typeName = "Dataset"
  /// The wrapped set.
  public let dataset: Dataset
  /// Which part it is (`train`, `test`), for its text form; empty when standalone.
  public let part: String

  /// The data set this is a part of (`data.train`), which the cell cache stores by reference
  /// when a builtin made it from files or a generator; nil for a derived set (`subset`).
  let origin: DatasetSplitsObject?

  /// Wraps a data set; `part` names it in the text form.
  public convenience init(_ dataset: Dataset, part: String = "") {
    self.init(dataset, part: part, origin: nil)
  }

  init(_ dataset: Dataset, part: String, origin: DatasetSplitsObject?) {
    self.dataset = dataset
    self.part = part
    self.origin = origin
  }

  /// The shape of one example (`[1, 28, 28]`).
  public var exampleShape: [Int] { Array(dataset.inputs.shape.dropFirst()) }

  static let memberDocs: [(name: String, doc: String)] = [
    ("count", "The number of examples."),
    ("shape", "The shape of one example (`[1, 28, 28]` for images, `[2]` for points)."),
    ("classes", "The class names, by label."),
    ("class_count", "The number of classes."),
    ("labels", "The label of every example, in order."),
    ("class_counts", "The number of examples of each class, by label."),
    ("inputs", "The inputs of every example as one Tensor `[count, ...]`."),
    ("subset", "`subset(count, seed: 0)`: a seeded sample of `count` examples with the same class balance."),
    ("select", "`select(indices)`: the examples at the given positions, in that order."),
  ]

  /// See ``memberDocs``.
  public var memberNames: [String] { DatasetObject.memberDocs.map(\.name) }

  /// The members of ``memberDocs``.
  public func member(_ name: String) throws -> Value? {
    switch name {
    case "count": return .number(Double(dataset.count))
    case "shape": return NeuralNetworkLibrary.shapeValue(exampleShape)
    case "classes": return .list(dataset.classNames.map(Value.string))
    case "class_count": return .number(Double(dataset.classCount))
    case "labels": return .list(dataset.labels.map { .number(Double($0)) })
    case "class_counts": return .list(dataset.classCounts.map { .number(Double($0)) })
    case "inputs": return .object(TensorObject(dataset.inputs, label: part.isEmpty ? "inputs" : "\(part) inputs"))
    case "subset":
      return method(
        name, doc: "A seeded stratified sample.",
        parameters: [Parameter("count", .int), Parameter("seed", .int, default: .number(0))],
        returns: .object(DatasetObject.typeName)
      ) { data, args, _ in
        let count = try args.int("count")
        guard count >= 0, count <= data.dataset.count else {
          throw args.error("count", "must be between 0 and the \(data.dataset.count) examples of the set, got \(count)")
        }
        let subset = try NeuralNetworkLibrary.engine("Dataset.subset") {
          try data.dataset.stratifiedSubset(count: count, seed: NeuralNetworkLibrary.seed(try args.int("seed")))
        }
        return .object(DatasetObject(subset, part: data.part))
      }
    case "select":
      return method(
        name, doc: "The examples at the given positions.", parameters: [Parameter("indices", .listOf(.int))],
        returns: .object(DatasetObject.typeName)
      ) { data, args, _ in
        let indices = try args.numbers("indices").map { Int($0) }
        if let bad = indices.first(where: { $0 < 0 || $0 >= data.dataset.count }) {
          throw args.error("indices", "holds \(bad), outside 0..<\(data.dataset.count)")
        }
        return .object(DatasetObject(data.dataset.subset(indices), part: data.part))
      }
    default: return nil
    }
  }

  /// `<Dataset test: 2000 examples [1, 28, 28], 10 classes>`.
  public var summary: String {
    "<Dataset \(part.isEmpty ? "" : part + ": ")\(dataset.count) examples \(exampleShape), \(dataset.classCount) classes>"
  }

  /// The summary line and the examples per class.
  public func display() -> [DisplayItem] {
    let counts = dataset.classCounts
    let rows = dataset.classNames.enumerated().map { label, className in
      [TableCell(text: String(label), number: Double(label)), TableCell(text: className),
       TableCell(text: String(counts[label]), number: Double(counts[label]))]
    }
    return [.text(summary), .table(TableDisplay(columns: ["label", "class", "examples"], rows: rows))]
  }
}
