import Hardware
import NeuralNetwork
import Tensor

/// Data and networks for the crossbar tests (in a namespace: the test target is shared).
enum AnalogFixtures {
  /// Noisy 8x8 images with a bright 3x3 square in one of four quadrants; the class is the quadrant.
  static func quadrants(count: Int, seed: UInt64) -> Dataset {
    var g = SeededGenerator(seed: seed)
    var x = [Float](repeating: 0, count: count * 64)
    var y = [Int]()
    for i in 0..<count {
      let c = i % 4
      let (top, left) = (c / 2 * 4 + g.nextInt(below: 2), c % 2 * 4 + g.nextInt(below: 2))
      for p in 0..<64 { x[i * 64 + p] = 0.3 * Float(g.nextNormal()) }
      for r in 0..<3 { for s in 0..<3 { x[i * 64 + (top + r) * 8 + left + s] += 1 } }
      y.append(c)
    }
    return Dataset(inputs: Tensor(shape: [count, 1, 8, 8], scalars: x), labels: y, classCount: 4)
  }

  /// conv 3x3 (1 -> 4), ReLU, 2x2 max pool, flatten, linear 64 -> 16, ReLU, linear 16 -> 4.
  static func smallNetwork(seed: UInt64 = 1) throws -> Model {
    try Model(
      architecture: Architecture(
        name: "small", inputShape: [1, 8, 8],
        layers: [
          .conv2d(name: "conv", inChannels: 1, outChannels: 4, kernelSize: 3, stride: 1, padding: 1, bias: true),
          .activation(name: "relu1", function: .relu),
          .maxPool(name: "pool", kernelSize: 2, stride: 2, padding: 0),
          .flatten(name: "flatten"),
          .linear(name: "fc1", inFeatures: 64, outFeatures: 16, bias: true),
          .activation(name: "relu2", function: .relu),
          .linear(name: "fc2", inFeatures: 16, outFeatures: 4, bias: true),
        ]), seed: seed)
  }

  /// The small network trained on 400 quadrant images for a few epochs (nearly perfect on the task).
  static func trainedNetwork() throws -> (model: Model, test: Dataset) {
    let model = try smallNetwork()
    try model.train(
      on: quadrants(count: 400, seed: 1),
      configuration: TrainingConfiguration(epochs: 4, batchSize: 16, optimizer: .sgd(learningRate: 0.05, momentum: 0.9), seed: 2))
    return (model, quadrants(count: 400, seed: 3))
  }

  /// A crossbar configuration for the tests; the arguments are valid by construction.
  static func configuration(rows: Int = 128, levels: Int? = nil, dacBits: Int? = nil, adcBits: Int? = nil)
    -> CrossbarConfiguration
  {
    do {
      return try CrossbarConfiguration(rows: rows, levels: levels, dacBits: dacBits, adcBits: adcBits)
    } catch {
      preconditionFailure("test configuration: \(error)")
    }
  }

  /// A variation for the tests; `sigma` is valid by construction.
  static func variation(_ sigma: Double, model: VariationModel = .weight) -> LogNormalVariation {
    do {
      return try LogNormalVariation(sigma: sigma, model: model)
    } catch {
      preconditionFailure("test variation: \(error)")
    }
  }

  /// The largest elementwise difference of two tensors of the same shape.
  static func maximumDifference(_ a: Tensor, _ b: Tensor) -> Float {
    precondition(a.shape == b.shape, "shapes \(a.shape) and \(b.shape)")
    return zip(a.scalars, b.scalars).reduce(0) { Swift.max($0, Swift.abs($1.0 - $1.1)) }
  }
}
