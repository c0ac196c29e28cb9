import Tensor

/// Area, delay and power of one circuit, as the logic-design comparisons report them.
public struct CircuitMetrics: Hashable, Sendable {
  /// AND nodes of the AIG.
  public var andNodes: Int
  /// Transistors of the mapped netlist.
  public var transistors: Int
  /// Static critical-path delay of the mapped netlist at the nominal supply, in seconds.
  public var criticalDelay: Double
  /// The worst settle time over the simulated transitions, in seconds (sensitised delay).
  public var worstSensitisedDelay: Double
  /// Average dynamic energy per operation at the nominal supply, in joules (glitches counted with
  /// inertial delays).
  public var energyPerOperation: Double
  /// Leakage power at the nominal supply, in watts.
  public var leakagePower: Double
  /// Cell area of the mapped netlist, in the library's area unit (transistors for the 45 nm
  /// library, the Liberty area for a Liberty library).
  public var area: Double = 0

  /// Average power at `frequency` hertz: dynamic plus leakage, in watts.
  public func power(frequency: Double) -> Double { energyPerOperation * frequency + leakagePower }
}

/// A generic circuit against the same circuit with constants embedded and simplified.
public struct EmbeddingComparison: Sendable {
  /// The generic circuit, its constant inputs held at the embedded values while measured.
  public var generic: CircuitMetrics
  /// The simplified circuit with the constants embedded.
  public var embedded: CircuitMetrics
  /// The clock frequency the power figures are for, in hertz.
  public var frequency: Double

  /// Relative reduction of the static delay (0.5 = halved).
  public var delayReduction: Double { 1 - embedded.criticalDelay / generic.criticalDelay }
  /// Relative reduction of the power at `frequency`.
  public var powerReduction: Double { 1 - embedded.power(frequency: frequency) / generic.power(frequency: frequency) }
  /// Relative reduction of the cell area.
  public var areaReduction: Double { 1 - embedded.area / generic.area }
  /// Relative reduction of the transistor count.
  public var transistorReduction: Double { 1 - Double(embedded.transistors) / Double(generic.transistors) }
}

extension EmbeddingComparison {
  /// Measures `generic` with `constants` (input port -> value) held, against the circuit
  /// with those constants embedded and simplified, both mapped onto `library`.
  ///
  /// Both see the same `operations` uniform random values on the other input ports (from
  /// `seed`); power is at `frequency` hertz (1 GHz by default).
  public static func measure(
    _ generic: AIG, constants: [String: Int], operations: Int = 4096, seed: UInt64 = 1, frequency: Double = 1e9,
    library: CellLibrary = .cmos45nm
  ) throws -> EmbeddingComparison {
    guard operations >= 2 else { throw LogicError(.invalidParameter, "at least two operations are needed") }
    let embedded = try generic.embedding(constants)
    var random = SplitMix64(seed: seed)
    var stream: [String: [Int]] = [:]
    for port in embedded.inputPorts {
      let span = UInt64(port.maximum - port.minimum + 1)
      stream[port.name] = (0..<operations).map { _ in port.minimum + Int(random.next() % span) }
    }
    var held = stream
    for (name, value) in constants { held[name] = Array(repeating: value, count: operations) }
    return EmbeddingComparison(
      generic: try metrics(generic, stream: held, library: library),
      embedded: try metrics(embedded, stream: stream, library: library), frequency: frequency)
  }

  /// The metrics of one circuit under one operand stream.
  static func metrics(_ aig: AIG, stream: [String: [Int]], library: CellLibrary) throws -> CircuitMetrics {
    let netlist = try aig.technologyMapped(to: library)
    let switching = try netlist.switching(stream, counting: .inertial)
    return CircuitMetrics(
      andNodes: aig.andCount, transistors: netlist.transistorCount, criticalDelay: netlist.staticTiming().criticalDelay,
      worstSensitisedDelay: switching.worstSettleTime, energyPerOperation: switching.energyPerTransition(),
      leakagePower: netlist.leakagePower(), area: netlist.area)
  }
}
