import Hardware

/// Gate-level circuits of an integer network: the whole network, or one layer, in either style.
public enum NetworkCircuits {
  /// The whole network as one combinational circuit: inputs `x0`, `x1`, ... and output `class`.
  ///
  /// The embedded style is simplified (`AIG.simplified`) unless `simplify` is false; the
  /// generic style has weight, threshold and bias ports (see `NetworkCircuitBuilder`).
  public static func network(_ network: IntegerNetwork, style: CircuitStyle, simplify: Bool = true) -> AIG {
    var builder = NetworkCircuitBuilder(network: network, style: style)
    var words = builder.addInputs(layer: 0)
    for l in network.layers.indices { words = builder.appendLayer(l, inputs: words) }
    builder.addOutputs(words, lastLayer: true)
    let graph = builder.graph.compacted()
    return style == .embedded && simplify ? graph.simplified() : graph
  }

  /// Layer `l` alone: inputs `x0`, ...; outputs `y0`, ... (a hidden layer's activations) or `class`.
  public static func layer(_ l: Int, of network: IntegerNetwork, style: CircuitStyle, simplify: Bool = true) throws -> AIG {
    guard network.layers.indices.contains(l) else {
      throw LogicDesignError("no layer \(l + 1): the network has \(network.layers.count) layers")
    }
    var builder = NetworkCircuitBuilder(network: network, style: style)
    let words = builder.appendLayer(l, inputs: builder.addInputs(layer: l))
    builder.addOutputs(words, lastLayer: l == network.layers.count - 1)
    let graph = builder.graph.compacted()
    return style == .embedded && simplify ? graph.simplified() : graph
  }

  /// The values the generic style's weight, threshold and bias ports hold for `network`
  /// (layer `l` only, or all layers when nil), each repeated `count` times.
  public static func storedValues(of network: IntegerNetwork, layer only: Int? = nil, count: Int) -> [String: [Int]] {
    let builder = NetworkCircuitBuilder(network: network, style: .generic)
    var values: [String: Int] = [:]
    for (l, layer) in network.layers.enumerated() where only == nil || only == l {
      for (o, row) in layer.weights.enumerated() {
        for (i, w) in row.enumerated() { values["w\(l)_\(o)_\(i)"] = w }
        if let biases = layer.biases { values["b\(o)"] = biases[o] }
        if let thresholds = layer.thresholds {
          let range = builder.genericRange(layer: l)
          // Thresholds beyond every reachable sum act as the range's ends; the function is unchanged.
          for (k, t) in thresholds[o].enumerated() {
            values["t\(l)_\(o)_\(k)"] = min(max(t, range.lowerBound), range.upperBound)
          }
        }
      }
    }
    return values.mapValues { Array(repeating: $0, count: count) }
  }

  /// The reference the embedded circuit is proved against: the generic network with its
  /// stored-value ports tied to the network's values by constant propagation only (no
  /// rewriting, no sweeping, no balancing).
  public static func reference(_ network: IntegerNetwork) throws -> AIG {
    let generic = self.network(network, style: .generic)
    let values = storedValues(of: network, count: 1)
    var tied: [Int: Bool] = [:]
    for port in generic.inputPorts {
      guard let value = values[port.name]?.first else { continue }
      guard value >= port.minimum && value <= port.maximum else {
        throw LogicDesignError("value \(value) does not fit the generic port \(port.name) (\(port.minimum)...\(port.maximum))")
      }
      for (bit, input) in port.bits.enumerated() { tied[input] = (value >> bit) & 1 == 1 }
    }
    return generic.rebuilt(tying: tied)
  }

  /// The operands of the input ports `x0`, ... for `samples` (one vector per sample).
  public static func inputOperands(_ samples: [[Int]]) -> [String: [Int]] {
    guard let first = samples.first else { return [:] }
    var operands: [String: [Int]] = [:]
    for i in first.indices { operands["x\(i)"] = samples.map { $0[i] } }
    return operands
  }

  /// The classes `circuit` (either style) computes for `samples`; the generic style's stored
  /// values are supplied from `network`.
  public static func classify(_ circuit: AIG, network: IntegerNetwork, samples: [[Int]]) throws -> [Int] {
    try network.checkInputs(samples)
    guard !samples.isEmpty else { return [] }
    var operands = inputOperands(samples)
    let names = Set(circuit.inputPorts.map(\.name))
    for (name, values) in storedValues(of: network, count: samples.count) where names.contains(name) {
      operands[name] = values
    }
    // Inputs no output depends on may have been dropped from the ports; drop their operands.
    operands = operands.filter { names.contains($0.key) }
    guard let classes = try circuit.evaluate(operands)["class"] else {
      throw LogicDesignError("the circuit has no output port 'class'")
    }
    return classes
  }
}
