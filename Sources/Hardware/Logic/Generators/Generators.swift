/// Ready-made arithmetic circuits with named integer ports.
public enum Generators {
  /// The widest operand the generators accept, so that every result fits an `Int`.
  public static let maximumOperandBits = 30

  static func check(_ bits: Int, _ what: String, maximum: Int = maximumOperandBits) throws {
    guard bits >= 1 && bits <= maximum else {
      throw LogicError(.invalidParameter, "\(what) must be between 1 and \(maximum) bits, got \(bits)")
    }
  }

  /// A `width`-bit ripple-carry adder: ports `a`, `b` in, `sum` (`width + 1` bits) out.
  public static func rippleCarryAdder(width: Int, signed: Bool) throws -> AIG {
    try check(width, "adder width", maximum: 62)
    var g = AIG()
    let a = g.addInputPort("a", width: width, signed: signed)
    let b = g.addInputPort("b", width: width, signed: signed)
    let sum = g.add(a, b, width: width + 1, signed: signed)
    g.addOutputPort("sum", sum, signed: signed)
    return g.compacted()
  }

  /// A `width`-bit carry-save adder (a row of full adders): ports `a`, `b`, `c` in; `sum`
  /// and `carry` (weight 2, `width + 1` bits, bit 0 always 0) out, unsigned.
  public static func carrySaveAdder(width: Int) throws -> AIG {
    try check(width, "adder width", maximum: 62)
    var g = AIG()
    let a = g.addInputPort("a", width: width, signed: false)
    let b = g.addInputPort("b", width: width, signed: false)
    let c = g.addInputPort("c", width: width, signed: false)
    let (sum, carry) = g.carrySaveAdd(a, b, c)
    g.addOutputPort("sum", sum, signed: false)
    g.addOutputPort("carry", carry, signed: false)
    return g.compacted()
  }

  /// An `activationBits x weightBits` multiplier: ports `x` (activation) and `w` (weight) in,
  /// the full product `p` out.
  public static func multiplier(
    activationBits: Int, weightBits: Int, activationSigned: Bool = true, weightSigned: Bool = true,
    architecture: MultiplierArchitecture = .array
  ) throws -> AIG {
    try check(activationBits, "activation width")
    try check(weightBits, "weight width")
    var g = AIG()
    let x = g.addInputPort("x", width: activationBits, signed: activationSigned)
    let w = g.addInputPort("w", width: weightBits, signed: weightSigned)
    let p = g.multiply(x, signed: activationSigned, w, signed: weightSigned, architecture: architecture)
    g.addOutputPort("p", p, signed: activationSigned || weightSigned)
    return g.compacted()
  }

  /// A multiply-accumulate unit `y = acc + x * w` (modulo `2^accumulatorBits`, two's complement).
  public static func mac(_ configuration: MACConfiguration) throws -> AIG {
    let c = configuration
    try check(c.activationBits, "activation width")
    try check(c.weightBits, "weight width")
    try check(c.accumulatorBits, "accumulator width", maximum: 62)
    var g = AIG()
    let x = g.addInputPort("x", width: c.activationBits, signed: c.activationSigned)
    let w = g.addInputPort("w", width: c.weightBits, signed: c.weightSigned)
    let acc = g.addInputPort("acc", width: c.accumulatorBits, signed: true)
    let productSigned = c.activationSigned || c.weightSigned
    let p = g.multiply(x, signed: c.activationSigned, w, signed: c.weightSigned, architecture: c.architecture)
    let y = g.add(acc, AIG.extend(p, to: c.accumulatorBits, signed: productSigned), width: c.accumulatorBits, signed: true)
    g.addOutputPort("y", y, signed: true)
    return g.compacted()
  }

  /// A neuron `relu(bias + sum_i x_i * w_i)` with weight ports `w0`, `w1`, ... and a bias port `b`.
  ///
  /// Products come from generic multipliers; they are summed by a balanced tree of
  /// ripple-carry adders of `configuration.outputBits` bits (modulo, two's complement).
  /// Embed weights with `AIG.embedding` or use `neuron(weights:bias:configuration:)`.
  public static func neuron(inputs: Int, configuration: NeuronConfiguration) throws -> AIG {
    let c = configuration
    guard inputs >= 1 && inputs <= 4096 else {
      throw LogicError(.invalidParameter, "a neuron needs 1 to 4096 inputs, got \(inputs)")
    }
    try check(c.activationBits, "activation width")
    try check(c.weightBits, "weight width")
    try check(c.outputBits, "output width", maximum: 62)
    try check(c.biasBits, "bias width", maximum: 62)
    var g = AIG()
    let xs = (0..<inputs).map { g.addInputPort("x\($0)", width: c.activationBits, signed: c.activationSigned) }
    let ws = (0..<inputs).map { g.addInputPort("w\($0)", width: c.weightBits, signed: true) }
    let bias = g.addInputPort("b", width: c.biasBits, signed: true)
    var terms = zip(xs, ws).map { x, w in
      AIG.extend(g.multiply(x, signed: c.activationSigned, w, signed: true, architecture: c.architecture),
                 to: c.outputBits, signed: true)
    }
    terms.append(AIG.extend(bias, to: c.outputBits, signed: true))
    while terms.count > 1 {
      var next: [[Literal]] = []
      var i = 0
      while i + 1 < terms.count {
        next.append(g.rippleCarryAdd(terms[i], terms[i + 1]).sum)
        i += 2
      }
      if i < terms.count { next.append(terms[i]) }
      terms = next
    }
    let sum = terms[0]
    g.addOutputPort("y", c.relu ? g.relu(sum) : sum, signed: true)
    return g.compacted()
  }

  /// A neuron with its weights and bias embedded as constants and the logic simplified by
  /// constant propagation and structural hashing (ports `x0`, `x1`, ... in, `y` out).
  public static func neuron(weights: [Int], bias: Int, configuration: NeuronConfiguration) throws -> AIG {
    var g = try neuron(inputs: weights.count, configuration: configuration)
    for (i, w) in weights.enumerated() { g = try g.embedding("w\(i)", value: w) }
    return try g.embedding("b", value: bias)
  }
}

/// The shape of a multiply-accumulate unit.
public struct MACConfiguration: Hashable, Sendable {
  /// Activation width in bits.
  public var activationBits: Int
  /// Weight width in bits.
  public var weightBits: Int
  /// Accumulator (partial sum) width in bits.
  public var accumulatorBits: Int
  /// Whether activations are two's complement.
  public var activationSigned: Bool
  /// Whether weights are two's complement.
  public var weightSigned: Bool
  /// How the multiplier sums its partial products.
  public var architecture: MultiplierArchitecture

  /// Creates a MAC shape; the default is the 8 x 8 signed MAC into 22 bits.
  public init(
    activationBits: Int = 8, weightBits: Int = 8, accumulatorBits: Int = 22,
    activationSigned: Bool = true, weightSigned: Bool = true, architecture: MultiplierArchitecture = .array
  ) {
    self.activationBits = activationBits
    self.weightBits = weightBits
    self.accumulatorBits = accumulatorBits
    self.activationSigned = activationSigned
    self.weightSigned = weightSigned
    self.architecture = architecture
  }
}

/// The shape of a neuron circuit.
public struct NeuronConfiguration: Hashable, Sendable {
  /// Activation width in bits.
  public var activationBits: Int
  /// Whether activations are two's complement.
  public var activationSigned: Bool
  /// Weight width in bits (weights are two's complement).
  public var weightBits: Int
  /// Bias width in bits (two's complement).
  public var biasBits: Int
  /// Width of the adder tree and the output, in bits.
  public var outputBits: Int
  /// Whether the output is rectified.
  public var relu: Bool
  /// How each multiplier sums its partial products.
  public var architecture: MultiplierArchitecture

  /// Creates a neuron shape.
  public init(
    activationBits: Int = 8, activationSigned: Bool = false, weightBits: Int = 8, biasBits: Int = 16,
    outputBits: Int = 20, relu: Bool = true, architecture: MultiplierArchitecture = .array
  ) {
    self.activationBits = activationBits
    self.activationSigned = activationSigned
    self.weightBits = weightBits
    self.biasBits = biasBits
    self.outputBits = outputBits
    self.relu = relu
    self.architecture = architecture
  }
}
