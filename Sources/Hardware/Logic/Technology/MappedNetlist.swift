/// A circuit as instances of library cells joined by nets: the view the metrics use.
///
/// Net 0 is the constant 0 and net 1 the constant 1 (tied to the rails: no cell, no delay,
/// no power). Primary inputs are nets without a driving cell. Instances are stored in a
/// topological order: every instance comes after the drivers of its inputs.
public struct MappedNetlist: Sendable {
  /// One placed cell.
  public struct Instance: Hashable, Sendable {
    /// What the cell computes.
    public var kind: CellKind
    /// The cell: its index in the library's cells (-1 before the netlist resolves it to
    /// the library's smallest cell of `kind`).
    public var cell: Int
    /// The net on each input pin, in the cell's pin order.
    public var inputs: [Int]
    /// The net on each output pin.
    public var outputs: [Int]

    /// Creates an instance of the library's smallest cell of `kind`.
    public init(kind: CellKind, inputs: [Int], outputs: [Int]) {
      self.init(cell: -1, kind: kind, inputs: inputs, outputs: outputs)
    }

    /// Creates an instance of library cell number `cell`, which computes `kind`.
    public init(cell: Int, kind: CellKind, inputs: [Int], outputs: [Int]) {
      self.kind = kind
      self.cell = cell
      self.inputs = inputs
      self.outputs = outputs
    }
  }

  /// Where a net's value comes from.
  public enum Driver: Hashable, Sendable {
    /// A constant rail.
    case constant(Bool)
    /// A primary input (its index).
    case input(Int)
    /// Output `pin` of instance `instance`.
    case cell(instance: Int, pin: Int)
  }

  /// The library the cells come from.
  public let library: CellLibrary
  /// The cells, in topological order.
  public let instances: [Instance]
  /// The number of nets, the two constants included.
  public let netCount: Int
  /// The net of each primary input.
  public let inputNets: [Int]
  /// The name of each primary input.
  public let inputNames: [String]
  /// The net of each primary output.
  public let outputNets: [Int]
  /// The name of each primary output.
  public let outputNames: [String]
  /// Inputs grouped into integer buses (indices into the input list).
  public let inputPorts: [Port]
  /// Outputs grouped into integer buses (indices into the output list).
  public let outputPorts: [Port]
  /// The driver of every net.
  public let drivers: [Driver]
  /// The external load on each net, in unit capacitances: the input pins it feeds, their
  /// wires, and the primary-output load; this is what sets the driver's delay.
  public let loads: [Double]
  /// The capacitance switched when each net toggles, in unit capacitances: the load, the
  /// driver's diffusion capacitance, and the driver's internal nodes that switch with it.
  public let switchedCapacitance: [Double]
  /// The number of cell pins (and primary outputs) each net feeds.
  public let fanouts: [Int]
  /// Slews, arrivals and per-net delays and energies of an NLDM library's netlist.
  var nldm: NLDMAnalysis?

  /// Creates a netlist and derives drivers, loads and fanouts from the instances.
  ///
  /// An instance made with a kind only gets the library's smallest cell of that kind,
  /// which must exist.
  public init(
    library: CellLibrary, instances: [Instance], netCount: Int, inputNets: [Int], inputNames: [String],
    outputNets: [Int], outputNames: [String], inputPorts: [Port], outputPorts: [Port]
  ) {
    self.library = library
    self.instances = instances.map { instance in
      guard instance.cell < 0 else { return instance }
      guard let cell = library.cellIndex(of: instance.kind) else {
        preconditionFailure("library \(library.name) has no \(instance.kind) cell")
      }
      var resolved = instance
      resolved.cell = cell
      return resolved
    }
    self.netCount = netCount
    self.inputNets = inputNets
    self.inputNames = inputNames
    self.outputNets = outputNets
    self.outputNames = outputNames
    self.inputPorts = inputPorts
    self.outputPorts = outputPorts
    var drivers = [Driver](repeating: .constant(false), count: netCount)
    drivers[1] = .constant(true)
    for (i, net) in inputNets.enumerated() { drivers[net] = .input(i) }
    var loads = [Double](repeating: 0, count: netCount)
    var own = [Double](repeating: 0, count: netCount)
    var fanouts = [Int](repeating: 0, count: netCount)
    for (index, instance) in self.instances.enumerated() {
      let cell = library.cells[instance.cell]
      for (pin, net) in instance.outputs.enumerated() {
        drivers[net] = .cell(instance: index, pin: pin)
        own[net] = cell.outputCapacitance[pin] + cell.internalCapacitance[pin]
      }
      for (pin, net) in instance.inputs.enumerated() {
        loads[net] += cell.inputCapacitance[pin] + library.wireCapacitancePerFanout
        fanouts[net] += 1
      }
    }
    for net in outputNets {
      loads[net] += library.primaryOutputLoad
      fanouts[net] += 1
    }
    // The rails do not switch.
    loads[0] = 0
    loads[1] = 0
    self.drivers = drivers
    self.loads = loads
    self.switchedCapacitance = zip(loads, own).map { $0 + $1 }
    self.fanouts = fanouts
    if library.timingModel == .nldm { nldm = NLDMAnalysis(self) }
  }

  /// The cell of an instance.
  public func cell(of instance: Instance) -> CellType { library.cells[instance.cell] }

  /// The total transistor count: the area measure of the 45 nm library (0 for a Liberty
  /// library, which states areas instead).
  public var transistorCount: Int { instances.reduce(0) { $0 + library.cells[$1.cell].transistors } }

  /// The total cell area, in the library's area unit (`library.areaUnit`).
  public var area: Double { instances.reduce(0) { $0 + library.cells[$1.cell].area } }

  /// How many instances of each cell kind the netlist uses.
  public var cellCounts: [CellKind: Int] {
    var counts: [CellKind: Int] = [:]
    for instance in instances { counts[instance.kind, default: 0] += 1 }
    return counts
  }

  /// How many instances of each library cell the netlist uses, by cell name.
  public var cellCountsByName: [String: Int] {
    var counts: [String: Int] = [:]
    for instance in instances { counts[library.cells[instance.cell].name, default: 0] += 1 }
    return counts
  }

  /// The input port called `name`, if any.
  public func inputPort(named name: String) -> Port? { inputPorts.first { $0.name == name } }
  /// The output port called `name`, if any.
  public func outputPort(named name: String) -> Port? { outputPorts.first { $0.name == name } }

  /// The same netlist with another library's figures: each instance takes the cell of the
  /// same name, or else the smallest cell of the same kind, which must exist.
  public func with(library: CellLibrary) -> MappedNetlist {
    let moved = instances.map { instance -> Instance in
      let name = self.library.cells[instance.cell].name
      let cell = library.cells.firstIndex { $0.name == name && $0.kind == instance.kind } ?? -1
      return Instance(cell: cell, kind: instance.kind, inputs: instance.inputs, outputs: instance.outputs)
    }
    return MappedNetlist(
      library: library, instances: moved, netCount: netCount, inputNets: inputNets, inputNames: inputNames,
      outputNets: outputNets, outputNames: outputNames, inputPorts: inputPorts, outputPorts: outputPorts)
  }
}
