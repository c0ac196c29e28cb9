import Tensor

/// A residual block: `activation(body(x) + shortcut(x))`.
///
/// The body's layers are named inside the block (`stage1.block1.conv1`); a
/// projection shortcut is a sequence named `shortcut`.
public final class ResidualBlock: Layer {
  /// How the input reaches the sum.
  public enum Shortcut {
    /// The input unchanged.
    case identity
    /// Option A: subsample by `stride` and add zero channels (no parameters).
    case padded(stride: Int, before: Int, after: Int)
    /// Option B: a learned projection.
    case projection(Sequential)
  }

  /// The layer's name.
  public let name: String
  /// The full dotted name in the model.
  public var path: String
  /// The residual branch, in order.
  public internal(set) var body: [Layer]
  /// The shortcut branch.
  public internal(set) var shortcut: Shortcut
  /// The activation after the sum, if any.
  public let activation: ActivationFunction?

  /// Creates the block.
  public init(name: String, body: [Layer], shortcut: Shortcut, activation: ActivationFunction? = .relu) {
    self.name = name
    self.path = name
    self.body = body
    self.shortcut = shortcut
    self.activation = activation
  }

  /// "ResidualBlock".
  public var typeName: String { "ResidualBlock" }

  /// The description with the body's and shortcut's.
  public var spec: LayerSpec {
    let s: ShortcutSpec
    switch shortcut {
    case .identity: s = .identity
    case .padded(let stride, let before, let after): s = .padded(stride: stride, before: before, after: after)
    case .projection(let p): s = .projection(layers: p.layers.map(\.spec))
    }
    return .residual(name: name, body: body.map(\.spec), shortcut: s, activation: activation)
  }

  /// The body's layers, then the projection if there is one.
  public var children: [Layer] {
    if case .projection(let p) = shortcut { return body + [p] }
    return body
  }

  /// The shape of the sum; body and shortcut must agree.
  public func outputShape(for input: [Int]) throws -> [Int] {
    let main = try body.reduce(input) { try $1.outputShape(for: $0) }
    let side: [Int]
    switch shortcut {
    case .identity: side = input
    case .padded(let stride, let before, let after):
      guard input.count == 3 else { throw ModelError(.shapeMismatch, "block '\(path)' needs [C, H, W], got \(input)") }
      side = [input[0] + before + after, (input[1] + stride - 1) / stride, (input[2] + stride - 1) / stride]
    case .projection(let p): side = try p.outputShape(for: input)
    }
    guard main == side else {
      throw ModelError(.shapeMismatch, "block '\(path)': body gives \(main) but the shortcut gives \(side)")
    }
    return main
  }

  /// Applies the block.
  public func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
    let y = try context.run(body, input: x)
    let side: Variable
    switch shortcut {
    case .identity: side = x
    case .padded(let stride, let before, let after):
      side = try (stride == 1 ? x : x.downsampled(stride: stride)).paddingChannels(before: before, after: after)
    case .projection(let p): side = try context.output(of: p, input: x)
    }
    let sum = try Variable.combine(y, side, .add)
    switch activation {
    case .relu: return sum.relu()
    case .sigmoid: return sum.sigmoid()
    case .tanh: return sum.tanh()
    case nil: return sum
    }
  }
}
