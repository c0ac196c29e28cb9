import Hardware

/// Builds an integer network, or one of its layers, into one and-inverter graph.
///
/// Ports: inputs `x0`, `x1`, ... (unsigned); a hidden layer built alone outputs `y0`, `y1`,
/// ... (unsigned activations); the output layer, and the whole network, output `class` (the
/// first index of the largest sum, unsigned). The generic style adds weight ports
/// `w<layer>_<neuron>_<input>`, threshold ports `t<layer>_<neuron>_<k>` and bias ports `b<neuron>`.
struct NetworkCircuitBuilder {
  let network: IntegerNetwork
  let style: CircuitStyle
  var graph = AIG()

  init(network: IntegerNetwork, style: CircuitStyle) {
    self.network = network
    self.style = style
  }

  /// The signed width that holds every value in `range`.
  static func signedWidth(_ range: ClosedRange<Int>) -> Int {
    var width = 1
    while -(1 << (width - 1)) > range.lowerBound || (1 << (width - 1)) - 1 < range.upperBound { width += 1 }
    return width
  }

  /// The generic design's accumulator range for layer `l`: any weight of the width, this
  /// layer's biases and thresholds.
  func genericRange(layer l: Int) -> ClosedRange<Int> {
    let layer = network.layers[l]
    let bound = layer.inputs * (1 << (network.weightBits - 1)) * network.inputMaximum(ofLayer: l)
    let bias = layer.biases?.map { abs($0) }.max() ?? 0
    let threshold = layer.thresholds?.joined().map { abs($0) }.max() ?? 0
    let reach = max(bound + bias, threshold) + 1
    return -reach...reach
  }

  /// Adds the input ports of layer `l` (or of the network when `l` is 0) and returns their words.
  mutating func addInputs(layer l: Int) -> [[Literal]] {
    let bits = network.inputBits(ofLayer: l)
    return (0..<network.layers[l].inputs).map { graph.addInputPort("x\($0)", width: bits, signed: false) }
  }

  /// Appends layer `l` fed by `inputs`; returns the activations of a hidden layer, or the class word of the output layer.
  mutating func appendLayer(_ l: Int, inputs: [[Literal]]) -> [[Literal]] {
    let layer = network.layers[l]
    var sums: [[Literal]] = []
    var ranges: [ClosedRange<Int>] = []
    for o in 0..<layer.outputs {
      switch style {
      case .embedded:
        let range = network.sumRange(layer: l, neuron: o)
        sums.append(embeddedSum(inputs: inputs, weights: layer.weights[o], bias: layer.biases?[o] ?? 0,
                                width: Self.signedWidth(range)))
        ranges.append(range)
      case .generic:
        let range = genericRange(layer: l)
        sums.append(genericSum(layer: l, neuron: o, inputs: inputs, width: Self.signedWidth(range)))
        ranges.append(range)
      }
    }
    guard let thresholds = layer.thresholds else { return [argmax(sums)] }
    return (0..<layer.outputs).map { o in
      let reached: [Literal] = thresholds[o].enumerated().map { k, t in
        switch style {
        case .embedded: return atLeast(sums[o], t, range: ranges[o])
        case .generic:
          let width = sums[o].count
          let port = graph.addInputPort("t\(l)_\(o)_\(k)", width: width, signed: true)
          return atLeast(sums[o], port)
        }
      }
      return thermometerToBinary(reached)
    }
  }

  // MARK: Embedded arithmetic

  /// `bias + sum_i weights[i] * inputs[i]` modulo `2^width`: each weight's signed digits place
  /// shifted (or complemented) copies of its input's bits into the columns of one sum, with
  /// all constants folded into one; equal bits of a column are merged; one Dadda tree and a
  /// ripple-carry adder sum the columns.
  mutating func embeddedSum(inputs: [[Literal]], weights: [Int], bias: Int, width: Int) -> [Literal] {
    var columns = [[Literal]](repeating: [], count: width)
    var constant = bias
    for (x, w) in zip(inputs, weights) where w != 0 {
      for digit in Generators.signedDigits(w) {
        for (i, bit) in x.enumerated() where i + digit.shift < width {
          columns[i + digit.shift].append(digit.negative ? !bit : bit)
        }
        // -x 2^s = (~x) 2^s - (2^n - 1) 2^s for an n-bit unsigned x.
        if digit.negative { constant -= ((1 << x.count) - 1) << digit.shift }
      }
    }
    let masked = constant & ((1 << width) - 1)
    for k in 0..<width where (masked >> k) & 1 == 1 { columns[k].append(.true) }
    Self.mergeEqualBits(&columns)
    let row = columns.enumerated().flatMap { k, bits in bits.map { WeightedBit(column: k, literal: $0) } }
    guard !row.isEmpty else { return Array(repeating: .false, count: width) }
    let reduced = graph.reduce(rows: [row], architecture: .dadda)
    return graph.mergeColumns(Array(reduced.prefix(width)), width: width)
  }

  /// Merges bits that meet in a column: `b + b` is `b` one column up, `b + !b` is the constant 1;
  /// constant zeros vanish. Columns beyond the last are dropped (the sum is modulo `2^width`).
  static func mergeEqualBits(_ columns: inout [[Literal]]) {
    for k in columns.indices {
      var changed = true
      while changed {
        changed = false
        var seen: [UInt32: Int] = [:]
        var bits = columns[k].filter { $0 != .false }
        var i = 0
        while i < bits.count {
          let bit = bits[i]
          if let j = seen[bit.raw] {
            bits.remove(at: i)
            bits.remove(at: j)
            if k + 1 < columns.count { columns[k + 1].append(bit) }
            changed = true
            break
          }
          if let j = seen[(!bit).raw] {
            bits.remove(at: i)
            bits.remove(at: j)
            bits.append(.true)
            changed = true
            break
          }
          seen[bit.raw] = i
          i += 1
        }
        columns[k] = bits
      }
    }
  }

  /// Whether the signed `word` is at least the constant `threshold`, given that it holds values in `range`.
  mutating func atLeast(_ word: [Literal], _ threshold: Int, range: ClosedRange<Int>) -> Literal {
    if threshold <= range.lowerBound { return .true }
    if threshold > range.upperBound { return .false }
    // Offset binary turns the signed comparison into an unsigned one: flip the sign bit.
    let width = word.count
    var unsigned = word
    unsigned[width - 1] = !word[width - 1]
    let c = threshold + (1 << (width - 1))
    var result = Literal.true
    for i in 0..<width {
      result = (c >> i) & 1 == 1 ? graph.and(unsigned[i], result) : graph.or(unsigned[i], result)
    }
    return result
  }

  // MARK: Generic arithmetic

  /// The generic neuron: one array multiplier per weight port, a balanced tree of ripple-carry adders.
  mutating func genericSum(layer l: Int, neuron o: Int, inputs: [[Literal]], width: Int) -> [Literal] {
    var terms: [[Literal]] = inputs.enumerated().map { i, x in
      let w = graph.addInputPort("w\(l)_\(o)_\(i)", width: network.weightBits, signed: true)
      let product = graph.multiply(x, signed: false, w, signed: true, architecture: .array)
      return AIG.extend(product, to: width, signed: true)
    }
    if network.layers[l].biases != nil {
      terms.append(graph.addInputPort("b\(o)", width: width, signed: true))
    }
    while terms.count > 1 {
      var next: [[Literal]] = []
      var i = 0
      while i + 1 < terms.count {
        next.append(graph.rippleCarryAdd(terms[i], terms[i + 1]).sum)
        i += 2
      }
      if i < terms.count { next.append(terms[i]) }
      terms = next
    }
    return terms[0]
  }

  /// Whether the signed `word` is at least the signed `threshold` word of the same width (a subtractor's sign).
  mutating func atLeast(_ word: [Literal], _ threshold: [Literal]) -> Literal {
    let width = word.count + 1
    let difference = graph.rippleCarryAdd(
      AIG.extend(word, to: width, signed: true), AIG.complement(AIG.extend(threshold, to: width, signed: true)),
      carryIn: .true
    ).sum
    return !difference[width - 1]
  }

  // MARK: Shared by both styles

  /// The count of reached thresholds as an unsigned word, from the thermometer code
  /// `reached` (reached[k] implies reached[k - 1] since the thresholds ascend).
  mutating func thermometerToBinary(_ reached: [Literal]) -> [Literal] {
    let levels = reached.count
    let bits = network.activationBits
    var oneHot: [Literal] = []
    for k in 0..<levels {
      let next = k + 1 < levels ? reached[k + 1] : .false
      oneHot.append(graph.and(reached[k], !next))
    }
    return (0..<bits).map { j in
      graph.or((0..<levels).filter { ((($0 + 1) >> j) & 1) == 1 }.map { oneHot[$0] })
    }
  }

  /// The first index of the largest signed sum, by a balanced tournament (a later candidate
  /// wins only when strictly larger).
  mutating func argmax(_ sums: [[Literal]]) -> [Literal] {
    let width = sums.map(\.count).max() ?? 1
    let indexBits = max(1, Self.unsignedWidth(sums.count - 1))
    var candidates: [(value: [Literal], index: [Literal])] = sums.enumerated().map { i, sum in
      (AIG.extend(sum, to: width, signed: true), AIG.constantWord(i, width: indexBits))
    }
    while candidates.count > 1 {
      var next: [(value: [Literal], index: [Literal])] = []
      var i = 0
      while i + 1 < candidates.count {
        let left = candidates[i], right = candidates[i + 1]
        // right > left exactly when left - right is negative.
        let difference = graph.rippleCarryAdd(
          AIG.extend(left.value, to: width + 1, signed: true),
          AIG.complement(AIG.extend(right.value, to: width + 1, signed: true)), carryIn: .true
        ).sum
        let rightWins = difference[width]
        next.append((graph.mux(rightWins, right.value, left.value), graph.mux(rightWins, right.index, left.index)))
        i += 2
      }
      if i < candidates.count { next.append(candidates[i]) }
      candidates = next
    }
    return candidates[0].index
  }

  /// The unsigned width of `value`.
  static func unsignedWidth(_ value: Int) -> Int {
    var width = 0
    while (1 << width) <= value { width += 1 }
    return width
  }

  /// Adds the output ports for the last layer's words.
  mutating func addOutputs(_ words: [[Literal]], lastLayer: Bool) {
    if lastLayer {
      graph.addOutputPort("class", words[0], signed: false)
    } else {
      for (o, word) in words.enumerated() { graph.addOutputPort("y\(o)", word, signed: false) }
    }
  }
}
