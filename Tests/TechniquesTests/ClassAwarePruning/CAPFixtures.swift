import NeuralNetwork
import Tensor

/// Data and networks for the class-aware pruning tests (in a namespace: the test target is shared).
enum CAPFixtures {
  /// Noisy 8x8 images: a bright 3x3 square in one of four quadrants; the class is the quadrant.
  static func quadrants(count: Int, seed: UInt64) -> Dataset {
    var g = SeededGenerator(seed: seed)
    var x = [Float](repeating: 0, count: count * 64)
    var y = [Int]()
    for i in 0..<count {
      let c = i % 4
      let (top, left) = (c / 2 * 4 + g.nextInt(below: 2), c % 2 * 4 + g.nextInt(below: 2))
      for p in 0..<64 { x[i * 64 + p] = 0.2 * Float(g.nextNormal()) }
      for r in 0..<3 { for s in 0..<3 { x[i * 64 + (top + r) * 8 + left + s] += 1 } }
      y.append(c)
    }
    return Dataset(inputs: Tensor(shape: [count, 1, 8, 8], scalars: x), labels: y, classCount: 4)
  }

  /// conv 1x1 (1 -> 2 filters, no bias), ReLU, flatten, linear to 2 or 3 classes, on 1x1x2 images.
  ///
  /// Filter 0 has weight +1, filter 1 weight -1: a positive pixel wakes filter 0 only, a
  /// negative pixel filter 1 only, a zero pixel neither.
  static func signNetwork(classes: Int = 2) throws -> Model {
    let net = try Model(
      architecture: Architecture(
        name: "sign", inputShape: [1, 1, 2],
        layers: [
          .conv2d(name: "conv", inChannels: 1, outChannels: 2, kernelSize: 1, stride: 1, padding: 0, bias: false),
          .activation(name: "relu", function: .relu),
          .flatten(name: "flatten"),
          .linear(name: "fc", inFeatures: 4, outFeatures: classes, bias: true),
        ]), seed: 1)
    try net.setTensor(named: "conv.weight", to: Tensor(shape: [2, 1, 1, 1], scalars: [1, -1]))
    // Distinct non-zero read-out weights, so every live activation has a non-zero gradient.
    let rows: [Float] = [0.5, -0.3, 0.8, 0.2, -0.4, 0.7, -0.6, 0.9, 0.3, -0.8, 0.1, 0.6]
    try net.setTensor(named: "fc.weight", to: Tensor(shape: [classes, 4], scalars: Array(rows.prefix(classes * 4))))
    return net
  }

  /// A data set of 1x1x2 images with the given pixels and labels.
  static func pixels(_ rows: [[Float]], labels: [Int], classes: Int) -> Dataset {
    Dataset(inputs: Tensor(shape: [rows.count, 1, 1, 2], scalars: rows.flatMap { $0 }), labels: labels, classCount: classes)
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

  /// The largest absolute difference of two equally long arrays.
  static func maxDifference(_ a: [Float], _ b: [Float]) -> Float {
    zip(a, b).map { Swift.abs($0 - $1) }.max() ?? 0
  }

  /// The channels `kept` of an NCHW tensor.
  static func channels(_ t: Tensor, _ kept: [Int]) throws -> [Float] {
    try t.indexSelect(alongAxis: 1, indices: kept).scalars
  }
}
