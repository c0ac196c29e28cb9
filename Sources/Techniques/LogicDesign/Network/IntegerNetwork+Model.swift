import NeuralNetwork
import Tensor

extension IntegerNetwork {
  /// The integer network a quantised model computes.
  ///
  /// The model must be `Flatten`?, then `Linear`, `ReLU`, ..., `Linear` (dropout is ignored):
  /// other layers cannot become this logic. Every weight must lie on `quantizer`'s grid (the
  /// tensor's scale is its largest magnitude over the largest allowed level), as quantisation-
  /// aware training leaves it; otherwise the model is not quantised and nothing is rounded
  /// silently. `weightScales` (one per linear layer) are the scales training used; without
  /// them a scale is inferred as above, which is only right when the largest magnitude is an
  /// allowed level of both signs. Inputs are `level / (2^inputBits - 1)`; hidden activations are quantised with
  /// `activations`. A hidden neuron's thresholds are where its real pre-activation reaches
  /// `(k - 1/2)` activation steps: `T_k = ceil(((k - 1/2) s_out - b) / (s_w s_in))`; the
  /// output layer's biases are `round(b / (s_w s_in))`.
  public init(
    model: Model, quantizer: Quantizer, activations: UnsignedActivationQuantization, inputBits: Int,
    weightScales: [Double]? = nil
  ) throws {
    var linears: [Linear] = []
    var relus: [String] = []
    for (index, layer) in model.allLayers.enumerated() {
      switch layer {
      case is Flatten where index == 0, is Dropout:
        continue
      case let linear as Linear:
        guard relus.count == linears.count else {
          throw LogicDesignError("layer '\(linear.path)': two linear layers without a ReLU between them cannot become this logic")
        }
        linears.append(linear)
      case let activation as Activation where activation.function == .relu:
        guard linears.count == relus.count + 1 else {
          throw LogicDesignError("layer '\(activation.path)': a ReLU must follow a linear layer")
        }
        relus.append(activation.path)
      default:
        throw LogicDesignError(
          "layer '\(layer.path)' (\(layer.typeName)) cannot become logic: only Linear layers with ReLU between them (and Flatten first, Dropout anywhere) can")
      }
    }
    guard !linears.isEmpty, relus.count == linears.count - 1 else {
      throw LogicDesignError("model '\(model.name)': a network for logic ends in a Linear layer, without a ReLU after it")
    }
    if let weightScales, weightScales.count != linears.count || !weightScales.allSatisfy({ $0 > 0 && $0.isFinite }) {
      throw LogicDesignError("\(weightScales.count) weight scales for \(linears.count) linear layers, or a scale not positive")
    }
    let weightBits = quantizer.bits
    let low = -(1 << (weightBits - 1)), high = (1 << (weightBits - 1)) - 1
    var layers: [Layer] = []
    var inputScale = 1 / Double((1 << inputBits) - 1)
    for (l, linear) in linears.enumerated() {
      let w = linear.weight.value
      let largest = w.scalars.map { Swift.abs($0) }.max() ?? 0
      let scale = weightScales?[l] ?? (largest > 0 ? Double(largest) / Double(quantizer.largestMagnitude) : 1)
      let outputs = linear.outFeatures, inputs = linear.inFeatures
      var weights = [[Int]](repeating: [Int](repeating: 0, count: inputs), count: outputs)
      for o in 0..<outputs {
        for i in 0..<inputs {
          let value = Double(w.scalars[o * inputs + i])
          let level = value / scale
          let rounded = level.rounded()
          guard Swift.abs(level - rounded) <= 1e-3 else {
            throw LogicDesignError(
              "model is not quantised: layer '\(linear.path)' weight [\(o), \(i)] = \(value) is \(level) steps of its scale \(scale); train it with \(weightBits)-bit weight quantisation first")
          }
          let integer = Int(rounded)
          guard integer >= low && integer <= high else {
            throw LogicDesignError(
              "layer '\(linear.path)' weight [\(o), \(i)] is level \(integer), which does not fit \(weightBits) signed bits (\(low)...\(high))")
          }
          weights[o][i] = integer
        }
      }
      let bias = linear.bias?.value.scalars.map(Double.init) ?? [Double](repeating: 0, count: outputs)
      let step = scale * inputScale
      if l == linears.count - 1 {
        layers.append(Layer(weights: weights, biases: bias.map { Int(($0 / step).rounded()) }))
      } else {
        guard let outScale = activations.scales[relus[l]].map(Double.init) else {
          throw LogicDesignError("no activation scale for layer '\(relus[l])'; calibrate the activations first")
        }
        let levels = (1 << activations.bits) - 1
        // Far beyond any sum the layer can reach, a threshold only needs to stay beyond it.
        let limit = Double(inputs * (high + 1) * ((1 << (l == 0 ? inputBits : activations.bits)) - 1) + 2)
        let thresholds = (0..<outputs).map { o in
          (1...levels).map { k -> Int in
            let t = ((Double(k) - 0.5) * outScale - bias[o]) / step
            return Int(Swift.min(Swift.max(t, -limit), limit).rounded(.up))
          }
        }
        layers.append(Layer(weights: weights, thresholds: thresholds))
        inputScale = outScale
      }
    }
    try self.init(inputBits: inputBits, activationBits: activations.bits, weightBits: weightBits, layers: layers)
  }

  /// The integer levels of inputs in [0, 1]: `round(x (2^bits - 1))`, one vector per example.
  public static func inputLevels(_ inputs: Tensor, bits: Int) throws -> [[Int]] {
    guard let count = inputs.shape.first, count > 0 else { return [] }
    let features = inputs.count / count
    let top = Float((1 << bits) - 1)
    let x = inputs.scalars
    return try (0..<count).map { n in
      try (0..<features).map { f in
        let v = x[n * features + f]
        guard v >= 0 && v <= 1 else {
          throw LogicDesignError("input \(n), feature \(f) is \(v); logic inputs are pixels in [0, 1]")
        }
        return Int((v * top).rounded())
      }
    }
  }
}
