import Hardware

/// A network's circuit measured as a whole and layer by layer under the real inputs, from
/// which the combinational, layer-pipelined and clock-balanced designs are costed.
public struct NetworkCostModel: Sendable {
  /// The network.
  public var network: IntegerNetwork
  /// The circuit style.
  public var style: CircuitStyle
  /// The whole network as one combinational circuit.
  public var whole: CombinationalCost
  /// Each layer as its own circuit, fed with the layer's real inputs.
  public var layers: [CombinationalCost]
  /// The register model.
  public var register: RegisterModel
  /// Register bits at the network's inputs and output.
  public var ioBits: Int
  /// Changes of those bits over the sample stream.
  public var ioToggles: Int
  /// Register bits at each boundary between layers.
  public var boundaryBits: [Int]
  /// Changes of those bits over the sample stream.
  public var boundaryToggles: [Int]
  /// Samples simulated.
  public var transitions: Int

  /// Builds the network's circuits in `style`, maps them onto `library` and simulates them
  /// on `samples` in order (consecutive samples one clock apart). `onStep` is told each
  /// circuit measured (`1 + layers` in all).
  public static func measure(
    _ network: IntegerNetwork, style: CircuitStyle, samples: [[Int]], library: CellLibrary,
    onStep: ((Int, Int) throws -> Void)? = nil
  ) throws -> NetworkCostModel {
    guard samples.count >= 2 else { throw LogicDesignError("costs need at least two samples, got \(samples.count)") }
    try network.checkInputs(samples)
    let total = network.layers.count + 1
    let traces = samples.map { network.trace($0) }
    func stored(_ layer: Int?) -> [String: [Int]] { style == .generic ? NetworkCircuits.storedValues(of: network, layer: layer, count: samples.count) : [:] }
    var operands = NetworkCircuits.inputOperands(samples)
    operands.merge(stored(nil)) { a, _ in a }
    let whole = try CombinationalCost.measure(NetworkCircuits.network(network, style: style), operands: operands, library: library)
    try onStep?(1, total)
    var layers: [CombinationalCost] = []
    for l in network.layers.indices {
      let inputs = l == 0 ? samples : traces.map { $0[l - 1] }
      var layerOperands = NetworkCircuits.inputOperands(inputs)
      layerOperands.merge(stored(l)) { a, _ in a }
      layers.append(try CombinationalCost.measure(
        NetworkCircuits.layer(l, of: network, style: style), operands: layerOperands, library: library))
      try onStep?(l + 2, total)
    }
    func toggles(_ vectors: [[Int]]) -> Int {
      zip(vectors, vectors.dropFirst()).reduce(0) { sum, pair in
        sum + zip(pair.0, pair.1).reduce(0) { $0 + ($1.0 ^ $1.1).nonzeroBitCount }
      }
    }
    let classes = samples.map { network.classify($0) }
    let classBits = max(1, NetworkCircuitBuilder.unsignedWidth(network.classCount - 1))
    let hidden = network.layers.indices.dropLast()
    return NetworkCostModel(
      network: network, style: style, whole: whole, layers: layers, register: RegisterModel(library: library),
      ioBits: network.inputCount * network.inputBits + classBits,
      ioToggles: toggles(samples) + toggles(classes.map { [$0] }),
      boundaryBits: hidden.map { network.layers[$0].outputs * network.activationBits },
      boundaryToggles: hidden.map { l in toggles(traces.map { $0[l] }) },
      transitions: samples.count - 1)
  }

  /// Energy per sample and leakage of `bits` registers whose stored bits change `changes` times over the stream.
  func registerCost(bits: Int, changes: Int) -> (energy: Double, leakage: Double) {
    let perSample = Double(changes) / Double(max(transitions, 1))
    return (Double(bits) * register.clockEnergy + perSample * register.dataEnergy, Double(bits) * register.leakage)
  }

  /// A design from its logic figures and registers.
  func design(
    _ pipeline: String, stages: Int, logic: [CombinationalCost], slowest: Double, registers: Int, changes: Int, met: Bool
  ) -> DesignCost {
    let (registerEnergy, registerLeakage) = registerCost(bits: registers, changes: changes)
    return DesignCost(
      style: style, pipeline: pipeline, stages: stages, registers: registers,
      logicTransistors: logic.reduce(0) { $0 + $1.transistors }, registerTransistors: registers * register.transistors,
      logicArea: logic.reduce(0) { $0 + $1.area }, registerArea: Double(registers) * register.area,
      clockPeriod: slowest + register.overhead,
      energyPerSample: logic.reduce(0) { $0 + $1.energyPerOperation } + registerEnergy,
      leakagePower: logic.reduce(0) { $0 + $1.leakagePower } + registerLeakage, met: met)
  }

  /// The whole network between input and output registers, in one cycle.
  public func combinational() -> DesignCost {
    design("combinational", stages: 1, logic: [whole], slowest: whole.criticalDelay, registers: ioBits, changes: ioToggles, met: true)
  }

  /// Registers at every layer boundary: one stage per layer.
  public func layerPipeline() -> DesignCost {
    design(
      "layers", stages: layers.count, logic: layers, slowest: layers.map(\.criticalDelay).max() ?? 0,
      registers: ioBits + boundaryBits.reduce(0, +), changes: ioToggles + boundaryToggles.reduce(0, +), met: true)
  }

  /// Registers at every layer boundary, and each layer cut further by `PipelineCut` until its
  /// stages meet `period` (seconds, register overhead included).
  ///
  /// The layers' logic energy is that of the uncut layers: the extra registers would also
  /// stop some glitches, which is not credited here.
  public func balanced(period: Double) throws -> DesignCost {
    guard period > register.overhead else {
      throw LogicDesignError("a clock period of \(period) s leaves no time after the register overhead of \(register.overhead) s")
    }
    var stages = 0, registers = ioBits + boundaryBits.reduce(0, +), changes = ioToggles + boundaryToggles.reduce(0, +)
    var slowest = 0.0
    var met = true
    for layer in layers {
      let (cut, ok) = try PipelineCut.balanced(layer, period: period, overhead: register.overhead)
      stages += cut.stages
      registers += cut.registers
      changes += cut.registerToggles
      slowest = max(slowest, cut.stageDelay)
      met = met && ok
    }
    let label = String(format: "clock %.0f ps", period * 1e12)
    return design(label, stages: stages, logic: layers, slowest: slowest, registers: registers, changes: changes, met: met)
  }
}
