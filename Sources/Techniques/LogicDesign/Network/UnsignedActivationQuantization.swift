import NeuralNetwork
import Tensor

/// Unsigned low-bit activations after ReLU, fixed scale per layer, straight-through gradient.
///
/// The output of each chosen layer becomes `clamp(round(x / s), 0, 2^bits - 1) * s`: the
/// unsigned integers the next layer's logic receives. The gradient passes where
/// `x <= s (2^bits - 1/2)` and stops above, where the value is clipped.
public struct UnsignedActivationQuantization: Sendable {
  /// Activation width in bits.
  public var bits: Int
  /// The scale of each layer's output, by layer path.
  public var scales: [String: Float]

  /// Creates a quantisation with fixed scales.
  public init(bits: Int, scales: [String: Float]) {
    self.bits = bits
    self.scales = scales
  }

  /// The largest level, `2^bits - 1`.
  public var top: Int { (1 << bits) - 1 }

  /// Scales from the float model: the `percentile` (0...1) of each layer's positive outputs on
  /// `inputs` lands on the top level.
  public static func calibrated(
    bits: Int, layers: [String], model: Model, inputs: Tensor, percentile: Double = 0.99
  ) throws -> UnsignedActivationQuantization {
    let context = ForwardContext(training: false)
    context.taps = Set(layers)
    _ = try model.forward(Variable(inputs), context: context)
    var scales: [String: Float] = [:]
    for path in layers {
      guard let output = context.activations[path]?.value else {
        throw LogicDesignError("calibration: layer '\(path)' produced no output")
      }
      let positive = output.scalars.filter { $0 > 0 }.sorted()
      let value = positive.isEmpty ? 1 : positive[min(positive.count - 1, Int(Double(positive.count - 1) * percentile))]
      scales[path] = max(value, 1e-6) / Float((1 << bits) - 1)
    }
    return UnsignedActivationQuantization(bits: bits, scales: scales)
  }

  /// The forward hooks that quantise the chosen outputs.
  public func hooks() -> [String: (Variable) throws -> Variable] {
    var hooks: [String: (Variable) throws -> Variable] = [:]
    let top = Float(self.top)
    for (path, scale) in scales {
      hooks[path] = { x in
        Variable.custom(
          [x],
          forward: { inputs in
            Tensor(shape: inputs[0].shape, scalars: inputs[0].scalars.map { Swift.min(Swift.max(($0 / scale).rounded(), 0), top) * scale })
          },
          backward: { gradient, inputs, _ in
            let reach = scale * (top + 0.5)
            let x = inputs[0].scalars
            var passed = gradient.scalars
            for i in passed.indices where x[i] > reach || x[i] < 0 { passed[i] = 0 }
            return [Tensor(shape: gradient.shape, scalars: passed)]
          })
      }
    }
    return hooks
  }
}
