import Tensor

/// A building block of a model: a named function of one tensor, with its own parameters.
///
/// Shapes handled by `outputShape(for:)` and `macs(for:)` are per example
/// (without the batch dimension); `forward` sees the batch.
public protocol Layer: AnyObject {
  /// The layer's name inside its parent (`conv1`).
  var name: String { get }
  /// The full dotted name inside the model (`stage1.block2.conv1`); set by the model.
  var path: String { get set }
  /// The kind of layer, for summaries (`Conv2d`).
  var typeName: String { get }
  /// The Codable description that rebuilds this layer (current shapes included).
  var spec: LayerSpec { get }
  /// The layers inside this one, in execution order (empty for leaves).
  var children: [Layer] { get }
  /// Trainable tensors owned directly by this layer, by local name (`weight`, `bias`).
  var ownParameters: [(name: String, parameter: Parameter)] { get }
  /// Non-trainable state owned directly by this layer (`running_mean`).
  var ownBuffers: [(name: String, parameter: Parameter)] { get }
  /// The per-example output shape for a per-example input shape, or an error if the input does not fit.
  func outputShape(for input: [Int]) throws -> [Int]
  /// Multiply-accumulate operations per example for a per-example input shape (own work only).
  func macs(for input: [Int]) -> Int
  /// Re-initialises the parameters from `generator` (PyTorch's default schemes).
  func initialize(generator: inout SeededGenerator)
  /// Applies the layer to a batch.
  func forward(_ x: Variable, context: ForwardContext) throws -> Variable
}

extension Layer {
  /// No children by default.
  public var children: [Layer] { [] }
  /// No parameters by default.
  public var ownParameters: [(name: String, parameter: Parameter)] { [] }
  /// No buffers by default.
  public var ownBuffers: [(name: String, parameter: Parameter)] { [] }
  /// No multiply-accumulates by default.
  public func macs(for input: [Int]) -> Int { 0 }
  /// Nothing to initialise by default.
  public func initialize(generator: inout SeededGenerator) {}

  /// The number of trainable scalars owned directly by this layer.
  public var ownParameterCount: Int { ownParameters.reduce(0) { $0 + $1.parameter.value.count } }

  /// This layer and every layer inside it, depth first, parents before children.
  public var allLayers: [Layer] { [self] + children.flatMap(\.allLayers) }
}

/// PyTorch's default initialisation of weights and biases: uniform in `±1/sqrt(fanIn)`.
///
/// (Kaiming-uniform with a = sqrt(5), which reduces to this bound.)
func defaultInitialization(_ shape: [Int], fanIn: Int, generator: inout SeededGenerator) -> Tensor {
  let bound = 1 / Float(Swift.max(fanIn, 1)).squareRoot()
  return Tensor(randomUniform: shape, lower: -bound, upper: bound, generator: &generator)
}
