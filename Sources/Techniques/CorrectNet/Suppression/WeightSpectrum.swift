import NeuralNetwork
import Tensor

/// The largest singular value of one layer's weight matrix (its Lipschitz constant as a linear map).
public struct LayerSpectrum: Equatable, Sendable {
  /// The layer's path.
  public var layer: String
  /// The matrix the weights are read as, `[out, in·kh·kw]`.
  public var matrix: [Int]
  /// The largest singular value, by power iteration.
  public var largestSingularValue: Double
}

/// The spectral norms of every convolution and linear layer of a model.
public enum WeightSpectrum {
  /// One entry per `Conv2d` and `Linear` layer, in the model's order.
  public static func of(_ model: Model, iterations: Int = 100) throws -> [LayerSpectrum] {
    try LipschitzRegularization.weights(of: model).map { path, weight in
      let rows = weight.value.shape[0]
      let columns = weight.value.count / Swift.max(rows, 1)
      let matrix = try weight.value.reshaped(to: [rows, columns])
      return LayerSpectrum(
        layer: path, matrix: [rows, columns],
        largestSingularValue: Double(matrix.spectralNorm(iterations: iterations).sigma))
    }
  }
}
