import Hardware

/// The logic-design talk's worked examples, measured with these models.
///
/// The talk (Xu, Zhang, Schlichtmann, Li, ASP-DAC 2024, as presented by G. L. Zhang)
/// reports, for a 2-bit signed multiplier with the weight -2 (binary 10) embedded, delay
/// -57.72% and power -66.12%; for a MAC with embedded weights (two 2-bit signed products
/// summed by a 4-bit signed adder), delay -70.07%, power -60.94%, transistors -65%. The
/// talk does not give the MAC's weights, input statistics or cell library; here the MAC
/// holds the weights given (default -2 and 1), both circuits see the same uniform random
/// activations, and power is at 1 GHz.
public enum LogicDesignExamples {
  /// The talk's reported reductions for the 2-bit multiplier with weight -2.
  public static let reportedMultiplier = (delay: 0.5772, power: 0.6612)
  /// The talk's reported reductions for the MAC.
  public static let reportedMAC = (delay: 0.7007, power: 0.6094, transistors: 0.65)

  /// The 2-bit signed multiplier with `weight` embedded, against the generic one.
  public static func multiplier(weight: Int = -2, library: CellLibrary = .cmos45nm) throws -> EmbeddingComparison {
    let generic = try Generators.multiplier(activationBits: 2, weightBits: 2)
    return try EmbeddingComparison.measure(generic, constants: ["w": weight], library: library)
  }

  /// The MAC of two 2-bit signed products and a 4-bit signed adder with `weights` embedded,
  /// against the generic one.
  public static func mac(weights: (Int, Int) = (-2, 1), library: CellLibrary = .cmos45nm) throws -> EmbeddingComparison {
    let configuration = NeuronConfiguration(
      activationBits: 2, activationSigned: true, weightBits: 2, biasBits: 1, outputBits: 4, relu: false)
    let generic = try Generators.neuron(inputs: 2, configuration: configuration)
    return try EmbeddingComparison.measure(
      generic, constants: ["w0": weights.0, "w1": weights.1, "b": 0], library: library)
  }
}
