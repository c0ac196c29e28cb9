import Foundation
import NeuralNetwork
import Tensor

@testable import Techniques

/// Scores, data and networks for the early-exit tests (in a namespace: the test target is shared).
enum EEFixtures {
  /// The logit whose sigmoid is `p`.
  static func logit(_ p: Double) -> Float { Float(log(p / (1 - p))) }

  /// Head logits `[N, K]` from per-sample sigmoid probabilities.
  static func sigmoidLogits(_ rows: [[Double]]) -> Tensor {
    Tensor(shape: [rows.count, rows.first?.count ?? 0], scalars: rows.flatMap { $0.map(logit) })
  }

  /// Scores built by hand: head logits, final logits, labels and the MAC accounting.
  static func scores(
    exits: [Tensor], final: [[Float]], labels: [Int], segmentMACs: [Int], headMACs: [Int]
  ) -> ExitScores {
    ExitScores(
      exitNames: exits.indices.map { "exit\($0 + 1)" }, exits: exits,
      final: Tensor(shape: [final.count, final.first?.count ?? 0], scalars: final.flatMap { $0 }), labels: labels,
      segmentMACs: segmentMACs, headMACs: headMACs)
  }

  /// Noisy 8x8 images: a bright 3x3 square in one of four quadrants; the class is the quadrant.
  static func quadrants(count: Int, seed: UInt64) -> Dataset {
    var g = SeededGenerator(seed: seed)
    var x = [Float](repeating: 0, count: count * 64)
    var y = [Int]()
    for i in 0..<count {
      let c = i % 4
      let (top, left) = (c / 2 * 4 + g.nextInt(below: 2), c % 2 * 4 + g.nextInt(below: 2))
      for p in 0..<64 { x[i * 64 + p] = 0.6 * Float(g.nextNormal()) }
      for r in 0..<3 { for s in 0..<3 { x[i * 64 + (top + r) * 8 + left + s] += 1 } }
      y.append(c)
    }
    return Dataset(inputs: Tensor(shape: [count, 1, 8, 8], scalars: x), labels: y, classCount: 4)
  }

  /// A small CNN for `quadrants`: two conv-BN-ReLU stages with pooling, then a linear layer.
  static func smallCNN(seed: UInt64) throws -> Model {
    try Model(
      architecture: Architecture(
        name: "small", inputShape: [1, 8, 8],
        layers: [
          .conv2d(name: "conv1", inChannels: 1, outChannels: 6, kernelSize: 3, stride: 1, padding: 1, bias: true),
          .batchNorm(name: "bn1", channels: 6, epsilon: 1e-5, momentum: 0.1),
          .activation(name: "relu1", function: .relu),
          .maxPool(name: "pool1", kernelSize: 2, stride: 2, padding: 0),
          .conv2d(name: "conv2", inChannels: 6, outChannels: 8, kernelSize: 3, stride: 1, padding: 1, bias: true),
          .batchNorm(name: "bn2", channels: 8, epsilon: 1e-5, momentum: 0.1),
          .activation(name: "relu2", function: .relu),
          .maxPool(name: "pool2", kernelSize: 2, stride: 2, padding: 0),
          .flatten(name: "flatten"),
          .linear(name: "fc", inFeatures: 32, outFeatures: 4, bias: true),
        ]), seed: seed)
  }

  /// `smallCNN` with exits after both ReLUs, trained briefly with the exit loss so that the
  /// heads' outputs are spread out (some samples stop, some do not).
  static func trainedMultiExit(kind: ExitLossKind = .classExclusion(positiveWeight: nil)) throws -> (MultiExitModel, Dataset) {
    let data = quadrants(count: 256, seed: 3)
    let net = try smallCNN(seed: 2)
    let model = try MultiExitModel(backbone: net, exits: ["relu1", "relu2"], seed: 5)
    var configuration = TrainingConfiguration(epochs: 2, batchSize: 32, seed: 1)
    configuration.addLoss([.exitHeads(model, kind: kind)])
    try net.train(on: data, configuration: configuration)
    return (model, quadrants(count: 300, seed: 11))
  }
}
