import Hardware

/// One multiplier layer as the integer matrix product a systolic array computes.
public struct IntegerLayer: Sendable {
  /// The layer's dotted path.
  public var path: String
  /// The layer lowered by im2col.
  public var layer: LayerShape
  /// The matrix product `M x K` times `K x N`.
  public var shape: GEMMShape
  /// The `K x N` integer weight levels, row-major.
  public var weights: [Int]
  /// The `M x K` integer activation levels, row-major: row `m` is the `m`-th vector the array streams.
  public var activations: [Int]

  /// Lowers a layer's integer input (NCHW, or `[batch, inputs]`) and weights (`[out, in, kh, kw]`
  /// or `[out, in]`) to the array's matrices.
  public init(path: String, layer: LayerShape, input: [Int], weights: [Int]) throws {
    self.path = path
    self.layer = layer
    self.shape = try layer.gemm()
    self.weights = try Im2col.weights(weights, layer: layer)
    self.activations = try Im2col.activations(input, layer: layer)
  }
}
