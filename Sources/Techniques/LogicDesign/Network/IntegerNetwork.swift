/// A quantised multilayer perceptron in integers only: what the gate-level circuit computes.
///
/// Inputs are unsigned `inputBits`-bit integers. Every layer multiplies its inputs by signed
/// `weightBits`-bit integer weights and sums them exactly. A hidden layer then rectifies and
/// requantises to unsigned `activationBits`-bit activations by comparing the sum with its
/// neuron's thresholds: the activation is the number of thresholds the sum reaches (ReLU and
/// requantisation in one, as FINN and LogicNets do; the bias is folded into the thresholds).
/// The last layer adds its integer biases and the class is the first index of the largest sum.
public struct IntegerNetwork: Sendable, Equatable {
  /// One fully connected layer in integers.
  public struct Layer: Sendable, Equatable {
    /// The integer weights, `[out][in]`.
    public var weights: [[Int]]
    /// For a hidden layer, each neuron's ascending thresholds (`2^activationBits - 1` each);
    /// nil for the output layer.
    public var thresholds: [[Int]]?
    /// For the output layer, each neuron's integer bias; nil for a hidden layer.
    public var biases: [Int]?

    /// Creates a layer; the network's initialiser checks it.
    public init(weights: [[Int]], thresholds: [[Int]]? = nil, biases: [Int]? = nil) {
      self.weights = weights
      self.thresholds = thresholds
      self.biases = biases
    }

    /// Output neurons.
    public var outputs: Int { weights.count }
    /// Inputs.
    public var inputs: Int { weights.first?.count ?? 0 }
    /// Weights in all (zeros included).
    public var weightCount: Int { weights.reduce(0) { $0 + $1.count } }
  }

  /// Bits of each (unsigned) input feature.
  public let inputBits: Int
  /// Bits of each (unsigned) hidden activation.
  public let activationBits: Int
  /// Bits of each (signed, two's complement) weight.
  public let weightBits: Int
  /// The layers, the last one the output layer.
  public let layers: [Layer]

  /// Checks and creates a network; every weight must fit `weightBits` (nothing is truncated).
  public init(inputBits: Int, activationBits: Int, weightBits: Int, layers: [Layer]) throws {
    for (what, bits) in [("input", inputBits), ("activation", activationBits), ("weight", weightBits)] {
      guard bits >= 1 && bits <= 8 else {
        throw LogicDesignError("integer network: \(what) width must be 1 to 8 bits, got \(bits)")
      }
    }
    guard weightBits >= 2 else { throw LogicDesignError("integer network: signed weights need at least 2 bits, got \(weightBits)") }
    guard !layers.isEmpty else { throw LogicDesignError("integer network: no layers") }
    let low = -(1 << (weightBits - 1)), high = (1 << (weightBits - 1)) - 1
    let levels = (1 << activationBits) - 1
    for (l, layer) in layers.enumerated() {
      let name = "layer \(l + 1)"
      guard layer.outputs >= 1, layer.inputs >= 1, layer.weights.allSatisfy({ $0.count == layer.inputs }) else {
        throw LogicDesignError("integer network: \(name) needs a non-empty rectangular weight matrix")
      }
      if l > 0 && layer.inputs != layers[l - 1].outputs {
        throw LogicDesignError("integer network: \(name) has \(layer.inputs) inputs but layer \(l) has \(layers[l - 1].outputs) outputs")
      }
      for (o, row) in layer.weights.enumerated() {
        if let (i, w) = row.enumerated().first(where: { $0.element < low || $0.element > high }) {
          throw LogicDesignError(
            "integer network: \(name), neuron \(o), input \(i): weight \(w) does not fit \(weightBits) signed bits (\(low)...\(high))")
        }
      }
      let isLast = l == layers.count - 1
      if isLast {
        guard layer.thresholds == nil, let biases = layer.biases, biases.count == layer.outputs else {
          throw LogicDesignError("integer network: the output \(name) needs one bias per neuron and no thresholds")
        }
        guard layer.outputs >= 2 else { throw LogicDesignError("integer network: the output layer needs at least two classes") }
        if let b = biases.first(where: { abs($0) > 1 << 40 }) {
          throw LogicDesignError("integer network: output bias \(b) is beyond the 40-bit range the circuits support")
        }
      } else {
        guard layer.biases == nil, let thresholds = layer.thresholds, thresholds.count == layer.outputs else {
          throw LogicDesignError("integer network: hidden \(name) needs thresholds for every neuron and no biases")
        }
        for (o, t) in thresholds.enumerated() {
          guard t.count == levels, zip(t, t.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw LogicDesignError(
              "integer network: \(name), neuron \(o) needs \(levels) ascending thresholds for \(activationBits)-bit activations, got \(t)")
          }
        }
      }
    }
    self.inputBits = inputBits
    self.activationBits = activationBits
    self.weightBits = weightBits
    self.layers = layers
  }

  /// Input features.
  public var inputCount: Int { layers[0].inputs }
  /// Classes.
  public var classCount: Int { layers[layers.count - 1].outputs }
  /// Weights in all, zeros included.
  public var weightCount: Int { layers.reduce(0) { $0 + $1.weightCount } }
  /// Non-zero weights in all.
  public var nonzeroWeightCount: Int { layers.reduce(0) { $0 + $1.weights.joined().filter { $0 != 0 }.count } }
  /// Bits of the inputs of layer `l`.
  public func inputBits(ofLayer l: Int) -> Int { l == 0 ? inputBits : activationBits }

  /// The largest value an input of layer `l` takes.
  public func inputMaximum(ofLayer l: Int) -> Int { (1 << inputBits(ofLayer: l)) - 1 }

  /// The exact range of neuron `o`'s weighted sum in layer `l` (the output bias included) over all inputs.
  public func sumRange(layer l: Int, neuron o: Int) -> ClosedRange<Int> {
    let top = inputMaximum(ofLayer: l)
    var low = layers[l].biases?[o] ?? 0, high = low
    for w in layers[l].weights[o] {
      if w > 0 { high += w * top } else { low += w * top }
    }
    return low...high
  }

  /// The weighted sums of layer `l` for one input vector.
  public func sums(layer l: Int, inputs: [Int]) -> [Int] {
    let layer = layers[l]
    return layer.weights.enumerated().map { o, row in
      var sum = layer.biases?[o] ?? 0
      for (w, x) in zip(row, inputs) { sum += w * x }
      return sum
    }
  }

  /// The activations of hidden layer `l` for its weighted sums: how many thresholds each reaches.
  public func activations(layer l: Int, sums: [Int]) -> [Int] {
    guard let thresholds = layers[l].thresholds else { return sums }
    return zip(sums, thresholds).map { sum, t in t.reduce(0) { $0 + (sum >= $1 ? 1 : 0) } }
  }

  /// Every layer's outputs for one input vector: activations of the hidden layers, then the output sums.
  public func trace(_ input: [Int]) -> [[Int]] {
    var x = input
    var outputs: [[Int]] = []
    for l in layers.indices {
      x = activations(layer: l, sums: sums(layer: l, inputs: x))
      outputs.append(x)
    }
    return outputs
  }

  /// The class of one input vector: the first index of the largest output sum.
  public func classify(_ input: [Int]) -> Int {
    IntegerNetwork.argmax(trace(input).last ?? [])
  }

  /// Checks that `inputs` are vectors of the right length with values that fit the input width.
  public func checkInputs(_ inputs: [[Int]]) throws {
    let top = (1 << inputBits) - 1
    for (n, x) in inputs.enumerated() {
      guard x.count == inputCount else {
        throw LogicDesignError("sample \(n) has \(x.count) features, the network takes \(inputCount)")
      }
      if let v = x.first(where: { $0 < 0 || $0 > top }) {
        throw LogicDesignError("sample \(n): feature \(v) does not fit \(inputBits) unsigned bits (0...\(top))")
      }
    }
  }

  /// The classes of many input vectors.
  public func classify(_ inputs: [[Int]]) -> [Int] { inputs.map { classify($0) } }

  /// The first index of the largest value.
  public static func argmax(_ values: [Int]) -> Int {
    var best = 0
    for i in values.indices where values[i] > values[best] { best = i }
    return best
  }
}
