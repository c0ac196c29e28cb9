import NeuralNetwork
import Tensor

/// The training settings of a network meant for logic.
public struct LogicTrainingSettings: Sendable, Equatable {
  /// Hidden layer widths.
  public var hidden: [Int]
  /// Bits of each input feature (pixels become `round(x (2^bits - 1))`).
  public var inputBits: Int
  /// Bits of each hidden activation.
  public var activationBits: Int
  /// Bits of each weight.
  public var weightBits: Int
  /// Float training epochs.
  public var epochs: Int
  /// Quantisation-aware fine-tuning epochs (and restricted fine-tuning epochs).
  public var quantizedEpochs: Int
  /// Adam learning rate of float training; fine-tuning uses a fifth of it.
  public var learningRate: Float
  /// Batch size.
  public var batchSize: Int
  /// The percentile of a layer's positive float activations put on the top activation level.
  public var percentile: Double
  /// Seed of initialisation and shuffling.
  public var seed: UInt64

  /// Creates settings.
  public init(
    hidden: [Int], inputBits: Int = 2, activationBits: Int = 2, weightBits: Int = 4, epochs: Int = 10,
    quantizedEpochs: Int = 4, learningRate: Float = 0.003, batchSize: Int = 64, percentile: Double = 0.99, seed: UInt64 = 1
  ) {
    self.hidden = hidden
    self.inputBits = inputBits
    self.activationBits = activationBits
    self.weightBits = weightBits
    self.epochs = epochs
    self.quantizedEpochs = quantizedEpochs
    self.learningRate = learningRate
    self.batchSize = batchSize
    self.percentile = percentile
    self.seed = seed
  }
}

/// A trained, quantised network with the integer network it computes.
public struct TrainedLogicNetwork {
  /// The model, holding the quantised weights.
  public var model: Model
  /// The weight quantiser (with the allowed levels, if restricted).
  public var quantizer: Quantizer
  /// The activation quantisation.
  public var activations: UnsignedActivationQuantization
  /// The integer network.
  public var network: IntegerNetwork
}

/// Training for logic: a float MLP on quantised inputs, then quantisation-aware fine-tuning
/// of weights (straight-through estimator, `QuantizationAwareTraining`) and unsigned
/// activations, then the integer network.
public enum LogicNetworkTraining {
  /// `data` with every input replaced by its input level over `2^bits - 1`: exactly what the logic receives.
  public static func quantizedInputs(_ data: Dataset, bits: Int) throws -> Dataset {
    let levels = try IntegerNetwork.inputLevels(data.inputs, bits: bits)
    let top = Float((1 << bits) - 1)
    var result = data
    result.inputs = Tensor(shape: data.inputs.shape, scalars: levels.flatMap { $0.map { Float($0) / top } })
    return result
  }

  /// Trains the float MLP `features -> hidden -> classes` on `train` (inputs already quantised).
  public static func trainFloat(
    train: Dataset, settings: LogicTrainingSettings, progress: TechniqueProgressHandler? = nil
  ) throws -> Model {
    let features = train.inputs.count / max(train.count, 1)
    let model = try Model.mlp(sizes: [features] + settings.hidden + [train.classCount], seed: settings.seed)
    var configuration = TrainingConfiguration(
      epochs: settings.epochs, batchSize: settings.batchSize, optimizer: .adam(learningRate: settings.learningRate),
      seed: settings.seed)
    configuration.onBatch = progressReporter("float training", progress)
    _ = try Trainer(model: model, configuration: configuration).fit(on: train)
    return model
  }

  /// A copy of `floatModel` fine-tuned with quantised weights (restricted to `allowedLevels`
  /// when given) and activations; `activations` are calibrated on `train` when nil.
  public static func quantize(
    _ floatModel: Model, train: Dataset, settings: LogicTrainingSettings, allowedLevels: [Int]? = nil,
    activations given: UnsignedActivationQuantization? = nil, task: String = "quantised fine-tuning",
    progress: TechniqueProgressHandler? = nil
  ) throws -> TrainedLogicNetwork {
    let model = try floatModel.copy()
    let relus = model.allLayers.compactMap { ($0 as? Activation).map(\.path) }
    let activations = try given ?? UnsignedActivationQuantization.calibrated(
      bits: settings.activationBits, layers: relus, model: model,
      inputs: train.subset(Array(0..<min(train.count, 2000))).inputs, percentile: settings.percentile)
    let quantizer = try Quantizer(bits: settings.weightBits, allowedLevels: allowedLevels)
    var configuration = TrainingConfiguration(
      epochs: settings.quantizedEpochs, batchSize: settings.batchSize,
      optimizer: .adam(learningRate: settings.learningRate / 5), seed: settings.seed &+ 7)
    configuration.hooks = activations.hooks()
    let qat = QuantizationAwareTraining(model: model, quantizer: quantizer)
    try qat.install(in: &configuration)
    let report = progressReporter(task, progress)
    let projecting = configuration.onBatch
    configuration.onBatch = { batch in
      try projecting?(batch)
      try report?(batch)
    }
    if settings.quantizedEpochs > 0 { _ = try Trainer(model: model, configuration: configuration).fit(on: train) }
    // The scales the quantised weights were made with: those of the float masters.
    let scales = try qat.masterWeights.map { Double(try quantizer.scales(for: $0.tensor)[0]) }
    let network = try IntegerNetwork(
      model: model, quantizer: quantizer, activations: activations, inputBits: settings.inputBits, weightScales: scales)
    return TrainedLogicNetwork(model: model, quantizer: quantizer, activations: activations, network: network)
  }

  /// The accuracy of the integer network on `data` (inputs in [0, 1]).
  public static func accuracy(_ network: IntegerNetwork, on data: Dataset) throws -> Double {
    let inputs = try IntegerNetwork.inputLevels(data.inputs, bits: network.inputBits)
    let predicted = network.classify(inputs)
    return Double(zip(predicted, data.labels).filter { $0 == $1 }.count) / Double(max(data.count, 1))
  }

  static func progressReporter(_ task: String, _ progress: TechniqueProgressHandler?) -> ((BatchProgress) throws -> Void)? {
    guard let progress else { return nil }
    return { batch in
      try progress(TechniqueProgress(
        task: task, done: (batch.epoch - 1) * batch.batchesPerEpoch + batch.batch, total: batch.epochs * batch.batchesPerEpoch))
    }
  }
}
