import Tensor

/// What the partial-sum input of a characterized MAC sees from one operation to the next.
public enum AccumulatorStream: Hashable, Sendable {
  /// Held at one value (only the activation changes).
  case constant(Int)
  /// Uniform random values of `bits` bits, two's complement, from a seed.
  case uniform(bits: Int, seed: UInt64)
  /// A given sequence, one value per operation (as long as the activation stream).
  case values([Int])
}

/// Energy per operation of a generic MAC for each weight value held stationary, the
/// activations (and partial sums) changing every cycle as in a weight-stationary array.
public struct MACPowerTable: Sendable {
  /// One weight's figures.
  public struct Entry: Hashable, Sendable {
    /// The weight held in the MAC.
    public var weight: Int
    /// Average dynamic energy per operation at the nominal supply, in joules.
    public var energyPerOperation: Double
    /// The latest time the outputs settled over all simulated transitions, in seconds at
    /// the nominal supply (glitch counting only; 0 otherwise).
    public var worstSettleTime: Double
    /// The mean settle time over the transitions, in seconds (glitch counting only).
    public var meanSettleTime: Double

    /// Creates one weight's figures.
    public init(weight: Int, energyPerOperation: Double, worstSettleTime: Double, meanSettleTime: Double) {
      self.weight = weight
      self.energyPerOperation = energyPerOperation
      self.worstSettleTime = worstSettleTime
      self.meanSettleTime = meanSettleTime
    }
  }

  /// The characterized MAC's shape.
  public var configuration: MACConfiguration
  /// The mapped netlist that was simulated.
  public var netlist: MappedNetlist
  /// One entry per characterized weight, in the order asked.
  public var entries: [Entry]
  /// Transitions simulated per weight.
  public var transitions: Int
  /// How toggles were counted.
  public var counting: ToggleCounting
  /// The MAC's leakage power at the nominal supply, in watts.
  public var leakagePower: Double

  /// Creates a table from figures already measured (a stored characterization).
  public init(
    configuration: MACConfiguration, netlist: MappedNetlist, entries: [Entry], transitions: Int, counting: ToggleCounting,
    leakagePower: Double
  ) {
    self.configuration = configuration
    self.netlist = netlist
    self.entries = entries
    self.transitions = transitions
    self.counting = counting
    self.leakagePower = leakagePower
  }

  /// The entry of `weight`, if it was characterized.
  public func entry(weight: Int) -> Entry? { entries.first { $0.weight == weight } }

  /// Average power of the MAC holding `weight`, in watts, at `frequency` hertz and the
  /// nominal supply: energy per operation times frequency, plus leakage.
  public func power(weight: Int, frequency: Double) -> Double? {
    entry(weight: weight).map { $0.energyPerOperation * frequency + leakagePower }
  }
}

extension MACPowerTable {
  /// Characterizes the generic MAC of `configuration` (weights as inputs, mapped onto
  /// `library`) for each value in `weights` (every value of the weight port if nil).
  ///
  /// `activations` is the stream of activation values, one per operation (at least two);
  /// the accumulator stream is given by `accumulator`. Each weight sees the same streams.
  public static func characterize(
    _ configuration: MACConfiguration = MACConfiguration(), weights: [Int]? = nil, activations: [Int],
    accumulator: AccumulatorStream = .constant(0), counting: ToggleCounting = .inertial,
    library: CellLibrary = .cmos45nm
  ) throws -> MACPowerTable {
    let netlist = try Generators.mac(configuration).technologyMapped(to: library)
    return try characterize(netlist, configuration: configuration, weights: weights, activations: activations,
                            accumulator: accumulator, counting: counting)
  }

  /// Characterizes an already mapped MAC netlist with ports `x`, `w`, `acc` (see above).
  public static func characterize(
    _ netlist: MappedNetlist, configuration: MACConfiguration, weights: [Int]? = nil, activations: [Int],
    accumulator: AccumulatorStream = .constant(0), counting: ToggleCounting = .inertial
  ) throws -> MACPowerTable {
    guard let weightPort = netlist.inputPort(named: "w"), let accPort = netlist.inputPort(named: "acc"),
          netlist.inputPort(named: "x") != nil
    else { throw LogicError(.unknownPort, "a MAC netlist needs input ports x, w and acc") }
    guard activations.count >= 2 else {
      throw LogicError(.operandMismatch, "characterization needs at least two activations, got \(activations.count)")
    }
    let count = activations.count
    let accumulators: [Int]
    switch accumulator {
    case .constant(let value):
      accumulators = Array(repeating: value, count: count)
    case .values(let values):
      guard values.count == count else {
        throw LogicError(.operandMismatch, "\(values.count) accumulator values for \(count) activations")
      }
      accumulators = values
    case .uniform(let bits, let seed):
      guard bits >= 1 && bits <= accPort.width else {
        throw LogicError(.invalidParameter, "accumulator values of \(bits) bits do not fit \(accPort.width) bits")
      }
      var random = SplitMix64(seed: seed)
      let half = 1 << (bits - 1)
      accumulators = (0..<count).map { _ in Int(random.next() % UInt64(1 << bits)) - half }
    }
    let weightValues = weights ?? Array(weightPort.minimum...weightPort.maximum)
    if let bad = weightValues.first(where: { $0 < weightPort.minimum || $0 > weightPort.maximum }) {
      throw LogicError(.valueOutOfRange, "weight \(bad) does not fit the MAC's \(weightPort.width)-bit weight port")
    }
    // Pack the activation and accumulator streams once; only the weight words change.
    // Transitions are independent lanes, and the table keeps only sums and extremes, so
    // their order is free: grouping transitions that flip the same activation bits makes
    // the 64 lanes of a word switch the same paths at the same times, which the timing
    // simulation then evaluates once (about half the work of a random order).
    let key = { (k: Int) -> (Int, Int, Int) in
      (activations[k] ^ activations[k + 1], accumulators[k] ^ accumulators[k + 1], activations[k])
    }
    let order = (0..<(count - 1)).sorted { key($0) < key($1) }
    var from: [String: [Int]] = ["x": order.map { activations[$0] }, "acc": order.map { accumulators[$0] },
                                 "w": Array(repeating: 0, count: count - 1)]
    var to: [String: [Int]] = ["x": order.map { activations[$0 + 1] }, "acc": order.map { accumulators[$0 + 1] },
                               "w": Array(repeating: 0, count: count - 1)]
    let (fromStreams, transitions) = try OperandPacking.pack(from, ports: netlist.inputPorts, inputCount: netlist.inputNets.count)
    var (toStreams, _) = try OperandPacking.pack(to, ports: netlist.inputPorts, inputCount: netlist.inputNets.count)
    from = [:]
    to = [:]
    var fromWeighted = fromStreams
    let words = fromStreams.first?.count ?? 0
    // Lanes past the last transition stay 0 in both vectors, so they never toggle.
    let lastLanes: UInt64 = transitions % 64 == 0 ? ~0 : (1 << UInt64(transitions % 64)) - 1
    var entries: [Entry] = []
    for weight in weightValues {
      for (bit, input) in weightPort.bits.enumerated() {
        let on = (weight >> bit) & 1 == 1
        for w in 0..<words {
          let mask: UInt64 = on ? (w == words - 1 ? lastLanes : ~0) : 0
          fromWeighted[input][w] = mask
          toStreams[input][w] = mask
        }
      }
      let report = netlist.switching(from: fromWeighted, to: toStreams, transitions: transitions, counting: counting)
      let settle = report.settleTimes
      entries.append(Entry(
        weight: weight, energyPerOperation: report.energyPerTransition(), worstSettleTime: report.worstSettleTime,
        meanSettleTime: settle.isEmpty ? 0 : settle.reduce(0, +) / Double(settle.count)))
    }
    return MACPowerTable(
      configuration: configuration, netlist: netlist, entries: entries, transitions: transitions, counting: counting,
      leakagePower: netlist.leakagePower())
  }
}
