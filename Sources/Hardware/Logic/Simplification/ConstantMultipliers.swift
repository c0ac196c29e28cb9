/// One generic multiplier with one weight embedded, simplified and mapped.
public struct ConstantMultiplier: Sendable {
  /// The embedded weight.
  public var weight: Int
  /// The simplified AIG (input port `x`, output port `p`).
  public var circuit: AIG
  /// The circuit mapped onto the library.
  public var netlist: MappedNetlist

  /// AND nodes of the simplified AIG.
  public var andNodes: Int { circuit.andCount }
  /// Transistors of the mapped netlist.
  public var transistors: Int { netlist.transistorCount }
  /// Cell area of the mapped netlist, in the library's area unit.
  public var area: Double { netlist.area }
  /// Static critical delay of the mapped netlist at the nominal supply, in seconds.
  public var criticalDelay: Double { netlist.staticTiming().criticalDelay }
}

/// Multipliers with embedded constant weights, for ranking weight values by hardware cost.
public enum ConstantMultipliers {
  /// Embeds each weight in `weights` (every value of the weight port if nil) into the
  /// generic multiplier, simplifies, checks the result against integer multiplication
  /// over every activation (for activations of up to 16 bits), and maps it onto `library`.
  public static func build(
    activationBits: Int = 8, weightBits: Int = 8, activationSigned: Bool = true, weightSigned: Bool = true,
    weights: [Int]? = nil, architecture: MultiplierArchitecture = .array, library: CellLibrary = .cmos45nm
  ) throws -> [ConstantMultiplier] {
    let generic = try Generators.multiplier(
      activationBits: activationBits, weightBits: weightBits, activationSigned: activationSigned,
      weightSigned: weightSigned, architecture: architecture)
    guard let weightPort = generic.inputPort(named: "w"), let xPort = generic.inputPort(named: "x") else {
      preconditionFailure("the generic multiplier lost its ports")
    }
    let values = weights ?? Array(weightPort.minimum...weightPort.maximum)
    let activations = activationBits <= 16 ? Array(xPort.minimum...xPort.maximum) : []
    return try values.map { weight in
      let circuit = try generic.embedding(["w": weight])
      if !activations.isEmpty {
        let products = try circuit.evaluate(["x": activations])["p"]
        precondition(products == activations.map { $0 * weight }, "simplified multiplier for weight \(weight) is wrong")
      }
      return ConstantMultiplier(weight: weight, circuit: circuit, netlist: try circuit.technologyMapped(to: library))
    }
  }
}
