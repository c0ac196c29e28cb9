import Tensor

@testable import NeuralNetwork

/// Three Gaussian blobs in the plane, well separated: an easy 3-class problem.
func blobs(count: Int, seed: UInt64) -> Dataset {
  var g = SeededGenerator(seed: seed)
  let centres: [(Float, Float)] = [(-2, -1), (2, -1), (0, 2)]
  var x = [Float]()
  var y = [Int]()
  for i in 0..<count {
    let c = i % 3
    x.append(centres[c].0 + 0.5 * Float(g.nextNormal()))
    x.append(centres[c].1 + 0.5 * Float(g.nextNormal()))
    y.append(c)
  }
  return Dataset(inputs: Tensor(shape: [count, 2], scalars: x), labels: y, classCount: 3)
}

/// Noisy 8x8 images: a bright 3x3 square in one of four quadrants; the class is the quadrant.
func quadrants(count: Int, seed: UInt64) -> Dataset {
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

/// A small CNN for `quadrants`: conv, BN, ReLU, pool, dropout, linear.
func tinyCNN(seed: UInt64) throws -> Model {
  try Model(
    architecture: Architecture(
      name: "tiny", inputShape: [1, 8, 8],
      layers: [
        .conv2d(name: "conv1", inChannels: 1, outChannels: 4, kernelSize: 3, stride: 1, padding: 1, bias: true),
        .batchNorm(name: "bn1", channels: 4, epsilon: 1e-5, momentum: 0.1),
        .activation(name: "relu1", function: .relu),
        .maxPool(name: "pool1", kernelSize: 2, stride: 2, padding: 0),
        .flatten(name: "flatten"),
        .dropout(name: "drop", probability: 0.1),
        .linear(name: "fc", inFeatures: 64, outFeatures: 4, bias: true),
      ]), seed: seed)
}
