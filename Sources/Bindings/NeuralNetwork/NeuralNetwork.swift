import Kernel
import NeuralNetwork

/// Neural networks: data sets, models, training, evaluation, checkpoints and quantisation.
///
/// The builtins are split by concern over `NeuralNetwork+*.swift`; this file registers them and
/// holds the conversions they share.
enum NeuralNetworkLibrary {
  static let category = "Neural networks"

  static func register(into registry: BuiltinRegistry) {
    registry.describe(
      category: category,
      "Data sets, models, training and evaluation at CPU scale. Fashion-MNIST comes from the Debian package "
        + "`dataset-fashion-mnist`; `synthetic` makes small seeded sets without files. Models are built for "
        + "28x28 grey images unless `input` says otherwise; everything random takes a `seed`.")
    registry.document(
      type: DatasetSplitsObject.typeName, category: category,
      doc: "A data set's parts: `train`, `test` and optionally `validation`.", members: DatasetSplitsObject.memberDocs)
    registry.document(
      type: DatasetObject.typeName, category: category, doc: "One labelled set of examples.", members: DatasetObject.memberDocs)
    registry.document(
      type: ModelObject.typeName, category: category, doc: "A neural network; displays its layer table.",
      members: ModelObject.memberDocs)
    registry.document(
      type: LayerObject.typeName, category: category, doc: "One layer of a model.", members: LayerObject.memberDocs)
    registry.document(
      type: HistoryObject.typeName, category: category,
      doc: "A training run, one row per epoch; displays as a chart and a table and feeds `table` and charts.",
      members: HistoryObject.memberDocs)
    registry.document(
      type: TensorObject.typeName, category: category, doc: "A snapshot of a tensor (weights, inputs).",
      members: TensorObject.memberDocs)
    registerData(into: registry)
    registerSplits(into: registry)
    registerModels(into: registry)
    registerTraining(into: registry)
    registerEvaluation(into: registry)
    registerCheckpoints(into: registry)
    registerQuantization(into: registry)
  }

  // MARK: - Conversions shared by the builtins

  /// A shape as a list of numbers.
  static func shapeValue(_ shape: [Int]) -> Value {
    .list(shape.map { .number(Double($0)) })
  }

  /// A shape as `[1, 28, 28]`.
  static func shapeText(_ shape: [Int]) -> String {
    "\(shape)"
  }

  /// A whole number with thousands separators: `1,234,567`.
  static func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, digit) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(digit)
    }
    return (n < 0 ? "-" : "") + out
  }

  /// A language seed as the engine's: negative seeds are valid and distinct.
  static func seed(_ seed: Int) -> UInt64 {
    UInt64(bitPattern: Int64(seed))
  }

  /// Runs engine code, turning its errors into ``LabError``s that name `function` (`train`, `Model.copy`).
  ///
  /// Interruptions and timeouts (thrown by ``Context/progress(task:done:total:)`` from inside an
  /// engine callback) pass through unchanged, as do errors that already are the language's.
  static func engine<T>(_ function: String, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch where Builtin.isLanguageError(error) {
      throw error
    } catch {
      let message = Builtin.message(of: error)
      // Engine messages often start with the operation (`fashion_mnist: ...`); don't repeat it.
      if message.hasPrefix(function + ":") || message.hasPrefix(function + "()") { throw LabError(message) }
      throw LabError("\(function)(): \(message)")
    }
  }
}
