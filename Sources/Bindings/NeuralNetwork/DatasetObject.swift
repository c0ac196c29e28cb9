import Kernel
import NeuralNetwork

/// One labelled set of examples in the language (`data.train`, `data.test`): `count`, `labels`, `classes`.
public final class DatasetObject: LabObject {
  /// `Dataset`.
  public static let typeName = "Dataset"
  /// The wrapped set (made on first use when a cache hit restored it without its examples;
  /// throws when it cannot be made again).
  public var dataset: Dataset {
    get throws { try storage.get() }
  }
  private let storage: Deferred<Dataset>
  /// Which part it is (`train`, `test`), for its text form; empty when standalone.
  public let part: String

  /// The data set this is a part of (`data.train`), which the cell cache stores by reference
  /// when it can store the data set so; nil for a standalone or derived set.
  let origin: DatasetSplitsObject?
  /// The set this one was drawn from and how (`data.train.subset(3000, seed: 1)`), which the cell
  /// cache stores instead of the examples; nil for a part or a standalone set.
  let derivation: (parent: DatasetObject, step: DatasetDerivation)?

  /// Wraps a data set; `part` names it in the text form.
  public convenience init(_ dataset: Dataset, part: String = "") {
    self.init(dataset, part: part, origin: nil)
  }

  init(_ dataset: Dataset, part: String, origin: DatasetSplitsObject? = nil, derivation: (parent: DatasetObject, step: DatasetDerivation)? = nil) {
    self.storage = Deferred(dataset)
    self.part = part
    self.origin = origin
    self.derivation = derivation
  }

  /// Part `part` of `origin`, made when first used.
  init(part: String, of origin: DatasetSplitsObject) {
    self.storage = Deferred {
      guard let dataset = try origin.part(named: part) else { throw CacheFormatError("cached data set has no part '\(part)'") }
      return dataset
    }
    self.part = part
    self.origin = origin
    self.derivation = nil
  }

  /// The set `step` draws from `parent`, made when first used.
  init(_ step: DatasetDerivation, of parent: DatasetObject, part: String) {
    self.storage = Deferred { try step.apply(to: try parent.dataset) }
    self.part = part
    self.origin = nil
    self.derivation = (parent, step)
  }

  /// The set `step` draws from this one, remembering where it came from.
  func derived(_ step: DatasetDerivation) throws -> DatasetObject {
    DatasetObject(try step.apply(to: try dataset), part: part, derivation: (self, step))
  }

  /// The shape of one example (`[1, 28, 28]`).
  public var exampleShape: [Int] {
    get throws { Array(try dataset.inputs.shape.dropFirst()) }
  }

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
    case "count": return .number(Double(try dataset.count))
    case "shape": return NeuralNetworkLibrary.shapeValue(try exampleShape)
    case "classes": return .list(try dataset.classNames.map(Value.string))
    case "class_count": return .number(Double(try dataset.classCount))
    case "labels": return .list(try dataset.labels.map { .number(Double($0)) })
    case "class_counts": return .list(try dataset.classCounts.map { .number(Double($0)) })
    case "inputs": return .object(TensorObject(try dataset.inputs, label: part.isEmpty ? "inputs" : "\(part) inputs"))
    case "subset":
      return method(
        name, doc: "A seeded stratified sample.",
        parameters: [Parameter("count", .int), Parameter("seed", .int, default: .number(0))],
        returns: .object(DatasetObject.typeName)
      ) { data, args, _ in
        let count = try args.int("count")
        let available = try data.dataset.count
        guard count >= 0, count <= available else {
          throw args.error("count", "must be between 0 and the \(available) examples of the set, got \(count)")
        }
        let seed = NeuralNetworkLibrary.seed(try args.int("seed"))
        return .object(try NeuralNetworkLibrary.engine("Dataset.subset") { try data.derived(.subset(count: count, seed: seed)) })
      }
    case "select":
      return method(
        name, doc: "The examples at the given positions.", parameters: [Parameter("indices", .listOf(.int))],
        returns: .object(DatasetObject.typeName)
      ) { data, args, _ in
        let indices = try args.numbers("indices").map { Int($0) }
        let available = try data.dataset.count
        if let bad = indices.first(where: { $0 < 0 || $0 >= available }) {
          throw args.error("indices", "holds \(bad), outside 0..<\(available)")
        }
        return .object(try data.derived(.select(indices)))
      }
    default: return nil
    }
  }

  /// `<Dataset test: 2000 examples [1, 28, 28], 10 classes>`.
  public var summary: String {
    guard let dataset = try? dataset else { return "<Dataset \(part.isEmpty ? "" : part + ": ")that could not be made again>" }
    return "<Dataset \(part.isEmpty ? "" : part + ": ")\(dataset.count) examples \(Array(dataset.inputs.shape.dropFirst())), \(dataset.classCount) classes>"
  }

  /// The summary line and the examples per class.
  public func display() -> [DisplayItem] {
    guard let dataset = try? dataset else { return [.text(summary)] }
    let counts = dataset.classCounts
    let rows = dataset.classNames.enumerated().map { label, className in
      [TableCell(text: String(label), number: Double(label)), TableCell(text: className),
       TableCell(text: String(counts[label]), number: Double(counts[label]))]
    }
    return [.text(summary), .table(TableDisplay(columns: ["label", "class", "examples"], rows: rows))]
  }
}

/// How a data set is drawn from another, so that the cell cache can store the step, not the examples.
enum DatasetDerivation: Sendable, Equatable {
  /// `subset(count, seed:)`: a seeded stratified sample.
  case subset(count: Int, seed: UInt64)
  /// `select(indices)`: the examples at these positions, in order.
  case select([Int])

  /// The set drawn from `dataset`.
  func apply(to dataset: Dataset) throws -> Dataset {
    switch self {
    case .subset(let count, let seed): return try dataset.stratifiedSubset(count: count, seed: seed)
    case .select(let indices):
      guard indices.allSatisfy({ (0..<dataset.count).contains($0) }) else {
        throw DatasetDerivationError(message: "an index is outside the \(dataset.count) examples")
      }
      return dataset.subset(indices)
    }
  }
}

/// A derivation that does not fit its set (a cache entry from another set).
struct DatasetDerivationError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
