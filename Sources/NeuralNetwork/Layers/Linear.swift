import Tensor

/// A fully connected layer: `y = x Wᵀ + b`, weight `[out, in]` as in PyTorch.
public final class Linear: Layer {
  /// The layer's name.
  public let name: String
  /// The full dotted name in the model.
  public var path: String
  /// Input features (changes with surgery).
  public private(set) var inFeatures: Int
  /// Output features (changes with surgery).
  public private(set) var outFeatures: Int
  /// The weight matrix, `[out, in]`.
  public let weight: Parameter
  /// The bias, if any.
  public let bias: Parameter?

  /// Creates a layer with zero weights (the model initialises them).
  public init(name: String, inFeatures: Int, outFeatures: Int, bias: Bool = true) {
    self.name = name
    self.path = name
    self.inFeatures = inFeatures
    self.outFeatures = outFeatures
    self.weight = Parameter(Tensor(zeros: [outFeatures, inFeatures]))
    self.bias = bias ? Parameter(Tensor(zeros: [outFeatures])) : nil
  }

  /// "Linear".
  public var typeName: String { "Linear" }

  /// The description with the current feature counts.
  public var spec: LayerSpec {
    .linear(name: name, inFeatures: inFeatures, outFeatures: outFeatures, bias: bias != nil)
  }

  /// `weight` and, if present, `bias`.
  public var ownParameters: [(name: String, parameter: Parameter)] {
    [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
  }

  /// `[out]` for an input `[in]`.
  public func outputShape(for input: [Int]) throws -> [Int] {
    guard input == [inFeatures] else {
      throw ModelError(.shapeMismatch, "layer '\(path)' expects [\(inFeatures)], got \(input)")
    }
    return [outFeatures]
  }

  /// One multiply-accumulate per weight.
  public func macs(for input: [Int]) -> Int { inFeatures * outFeatures }

  /// Uniform in `±1/sqrt(in)` for weights and bias.
  public func initialize(generator: inout SeededGenerator) {
    weight.value = defaultInitialization(weight.shape, fanIn: inFeatures, generator: &generator)
    bias?.value = defaultInitialization([outFeatures], fanIn: inFeatures, generator: &generator)
  }

  /// The product for a batch `[N, in]`.
  public func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
    try Variable.linear(x, weight: context.variable(for: weight), bias: bias.map { context.variable(for: $0) })
  }

  /// Keeps only the output features `keep`.
  func keepOutputFeatures(_ keep: [Int]) throws {
    weight.value = try weight.value.indexSelect(alongAxis: 0, indices: keep)
    if let bias { bias.value = try bias.value.indexSelect(alongAxis: 0, indices: keep) }
    weight.gradient = nil
    bias?.gradient = nil
    outFeatures = keep.count
  }

  /// Keeps only the input features (weight columns) `keep`.
  func keepInputFeatures(_ keep: [Int]) throws {
    weight.value = try weight.value.indexSelect(alongAxis: 1, indices: keep)
    weight.gradient = nil
    inFeatures = keep.count
  }
}
