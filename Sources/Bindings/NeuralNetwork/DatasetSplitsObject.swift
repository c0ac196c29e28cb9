import Kernel
import NeuralNetwork

/// A data set's parts in the language (what `fashion_mnist` and `synthetic` return):
/// `data.train`, `data.test`, `data.validation`, `data.classes`.
public final class DatasetSplitsObject: LabObject {
  /// `DatasetSplits`.
  public static let typeName = "DatasetSplits"
  /// The wrapped parts (made on first use when a cache hit restored them without their
  /// examples; throws when they cannot be made again).
  public var splits: DatasetSplits {
    get throws { try storage.get() }
  }
  private let storage: Deferred<DatasetSplits>
  /// Where the data comes from (`Fashion-MNIST`, `blobs`), for the text form.
  public let source: String

  /// How the data set was made, when a builtin made it from files or a generator (the cache
  /// stores such a data set by this and a digest, not by its contents).
  let recipe: DatasetRecipe?
  /// The sets it was put together from (`dataset_splits(train: ..., test: ...)`), which the cache
  /// stores instead of their examples.
  let partObjects: (train: DatasetObject, test: DatasetObject, validation: DatasetObject?)?

  /// Wraps the parts of a data set from `source`.
  public convenience init(_ splits: DatasetSplits, source: String) {
    self.init(splits, source: source, recipe: nil)
  }

  /// The digest of the parts' contents, taken once (the object never changes) or known from the cache.
  private var knownDigest: Digest?

  init(_ splits: DatasetSplits, source: String, recipe: DatasetRecipe?) {
    self.storage = Deferred(splits)
    self.source = source
    self.recipe = recipe
    self.partObjects = nil
  }

  /// The parts `train`, `test` and `validation` put together (made when first used).
  init(train: DatasetObject, test: DatasetObject, validation: DatasetObject?, source: String) {
    self.storage = Deferred { DatasetSplits(train: try train.dataset, test: try test.dataset, validation: try validation?.dataset) }
    self.source = source
    self.recipe = nil
    self.partObjects = (train, test, validation)
  }

  /// A data set `recipe` makes when first used, whose contents digest as `digest`.
  init(making recipe: DatasetRecipe, digest: Digest, source: String) {
    self.storage = Deferred {
      do {
        return try recipe.make()
      } catch {
        throw LabError("the \(source) data set a cached cell made could not be made again (\(Builtin.message(of: error)))")
      }
    }
    self.source = source
    self.recipe = recipe
    self.partObjects = nil
    self.knownDigest = digest
  }

  /// The digest of the parts' contents.
  func contentDigest() throws -> Digest {
    if let knownDigest { return knownDigest }
    let digest = DatasetRecipe.digest(of: try splits)
    knownDigest = digest
    return digest
  }

  /// Whether the cache stores this data set without its examples (by recipe or by its parts).
  var isStoredByReference: Bool { recipe != nil || partObjects != nil }

  /// Whether it has a part `name`, without making the parts.
  func hasPart(named name: String) -> Bool {
    switch name {
    case "train", "test": return true
    case "validation":
      if let recipe { return recipe.validation != nil }
      if let partObjects { return partObjects.validation != nil }
      return (try? splits.validation) != nil
    default: return false
    }
  }

  /// The part called `name` (`train`, `test`, `validation`).
  func part(named name: String) throws -> Dataset? {
    switch name {
    case "train": return try splits.train
    case "test": return try splits.test
    case "validation": return try splits.validation
    default: return nil
    }
  }

  /// The parts present, in order: train, validation (when cut), test.
  var parts: [(name: String, dataset: Dataset)] {
    get throws {
      let splits = try splits
      return [("train", splits.train)] + (splits.validation.map { [("validation", $0)] } ?? []) + [("test", splits.test)]
    }
  }

  static let memberDocs: [(name: String, doc: String)] = [
    ("train", "The training examples (a Dataset)."),
    ("test", "The held-out test examples (a Dataset)."),
    ("validation", "The validation examples cut from the training set, or none."),
    ("classes", "The class names, by label."),
    ("class_count", "The number of classes."),
    ("shape", "The shape of one example."),
    ("source", "Where the data comes from (`Fashion-MNIST`, `blobs`, `spirals`)."),
  ]

  /// See ``memberDocs``.
  public var memberNames: [String] { DatasetSplitsObject.memberDocs.map(\.name) }

  /// The members of ``memberDocs``.
  public func member(_ name: String) throws -> Value? {
    switch name {
    case "train": return .object(DatasetObject(try splits.train, part: "train", origin: self))
    case "test": return .object(DatasetObject(try splits.test, part: "test", origin: self))
    case "validation": return try splits.validation.map { .object(DatasetObject($0, part: "validation", origin: self)) } ?? Value.none
    case "classes": return .list(try splits.train.classNames.map(Value.string))
    case "class_count": return .number(Double(try splits.train.classCount))
    case "shape": return NeuralNetworkLibrary.shapeValue(Array(try splits.train.inputs.shape.dropFirst()))
    case "source": return .string(source)
    default: return nil
    }
  }

  /// `<DatasetSplits Fashion-MNIST: train 12000, test 2000, [1, 28, 28], 10 classes>`.
  public var summary: String {
    guard let parts = try? parts, let train = try? splits.train else { return "<DatasetSplits \(source) that could not be made again>" }
    let counts = parts.map { "\($0.name) \($0.dataset.count)" }.joined(separator: ", ")
    return "<DatasetSplits \(source): \(counts), \(Array(train.inputs.shape.dropFirst())), \(train.classCount) classes>"
  }

  /// The class names, and a table of the parts: examples, example shape, classes.
  public func display() -> [DisplayItem] {
    guard let parts = try? parts, let train = try? splits.train else { return [.text(summary)] }
    let rows = parts.map { part in
      [TableCell(text: part.name), TableCell(text: String(part.dataset.count), number: Double(part.dataset.count)),
       TableCell(text: "\(Array(part.dataset.inputs.shape.dropFirst()))"),
       TableCell(text: String(part.dataset.classCount), number: Double(part.dataset.classCount))]
    }
    let classes = train.classNames
    let names = classes.count <= 12 ? ": " + classes.joined(separator: ", ") : ""
    return [
      .text("\(source), \(classes.count) classes\(names)"),
      .table(TableDisplay(columns: ["part", "examples", "shape", "classes"], rows: rows)),
    ]
  }
}
