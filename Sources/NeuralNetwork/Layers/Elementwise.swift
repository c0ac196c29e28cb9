import Tensor

/// An elementwise activation: ReLU, sigmoid or tanh.
public final class Activation: Layer {
  /// The layer's name.
  public let name: String
  /// The full dotted name in the model.
  public var path: String
  /// The function applied.
  public let function: ActivationFunction

  /// Creates the layer.
  public init(name: String, function: ActivationFunction = .relu) {
    self.name = name
    self.path = name
    self.function = function
  }

  /// "ReLU", "Sigmoid" or "Tanh".
  public var typeName: String {
    switch function {
    case .relu: return "ReLU"
    case .sigmoid: return "Sigmoid"
    case .tanh: return "Tanh"
    }
  }

  /// The description.
  public var spec: LayerSpec { .activation(name: name, function: function) }

  /// The input shape.
  public func outputShape(for input: [Int]) throws -> [Int] { input }

  /// Applies the function.
  public func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
    switch function {
    case .relu: return x.relu()
    case .sigmoid: return x.sigmoid()
    case .tanh: return x.tanh()
    }
  }
}

/// Flattens each example to a vector (`[N, C, H, W]` -> `[N, C*H*W]`).
public final class Flatten: Layer {
  /// The layer's name.
  public let name: String
  /// The full dotted name in the model.
  public var path: String

  /// Creates the layer.
  public init(name: String) {
    self.name = name
    self.path = name
  }

  /// "Flatten".
  public var typeName: String { "Flatten" }

  /// The description.
  public var spec: LayerSpec { .flatten(name: name) }

  /// `[product of input]`.
  public func outputShape(for input: [Int]) throws -> [Int] { [input.reduce(1, *)] }

  /// Flattens a batch.
  public func forward(_ x: Variable, context: ForwardContext) throws -> Variable { x.flattened() }
}

/// Inverted dropout: in training, zeroes elements with probability `p` and scales the rest by `1/(1-p)`.
public final class Dropout: Layer {
  /// The layer's name.
  public let name: String
  /// The full dotted name in the model.
  public var path: String
  /// The probability of zeroing an element.
  public let probability: Float

  /// Creates the layer.
  public init(name: String, probability: Float) {
    self.name = name
    self.path = name
    self.probability = probability
  }

  /// "Dropout".
  public var typeName: String { "Dropout" }

  /// The description.
  public var spec: LayerSpec { .dropout(name: name, probability: probability) }

  /// The input shape.
  public func outputShape(for input: [Int]) throws -> [Int] { input }

  /// Drops elements in training; the identity in evaluation.
  public func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
    guard context.isTraining, probability > 0 else { return x }
    return try x.dropout(probability: probability, generator: &context.generator)
  }
}
