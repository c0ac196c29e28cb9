import NeuralNetwork

/// The stand-in tasks: the paper's data (jet substructure, network intrusion, optical fibre) is
/// not on this machine, so Fashion-MNIST downsampled takes their place.
public enum LogicTask: String, Sendable, CaseIterable {
  /// The ten Fashion-MNIST classes: stands in for the multi-class jet-substructure task.
  case fashion10
  /// Footwear (sandal, sneaker, ankle boot) against the rest: stands in for the binary
  /// network-intrusion detector, whose accuracy the talk's 66.26% headline is about.
  case footwear

  /// The paper's task this one stands in for.
  public var standsFor: String {
    switch self {
    case .fashion10: return "jet substructure classification (multi-class)"
    case .footwear: return "network intrusion detection (binary)"
    }
  }

  /// Fashion-MNIST's footwear classes.
  public static let footwearClasses: Set<Int> = [5, 7, 9]

  /// Loads the task: `train` and `test` images downsampled to `side` x `side`, flattened, a
  /// stratified `validation` fraction held out of the training set, inputs quantised to `inputBits`.
  public func load(train: Int, test: Int, validation: Double, side: Int, inputBits: Int, seed: UInt64) throws -> DatasetSplits {
    let loaded = try FashionMNIST.load(
      train: train, test: test, seed: seed, preprocessing: Preprocessing(downsampleToSide: side, flatten: true))
    let split = try loaded.withValidation(fraction: validation, seed: seed)
    func prepare(_ data: Dataset) throws -> Dataset {
      var result = try LogicNetworkTraining.quantizedInputs(data, bits: inputBits)
      if self == .footwear {
        result = Dataset(
          inputs: result.inputs, labels: result.labels.map { LogicTask.footwearClasses.contains($0) ? 1 : 0 }, classCount: 2,
          classNames: ["other", "footwear"])
      }
      return result
    }
    guard let validationSet = split.validation else { throw LogicDesignError("no validation set was split off") }
    return DatasetSplits(train: try prepare(split.train), test: try prepare(split.test), validation: try prepare(validationSet))
  }
}
