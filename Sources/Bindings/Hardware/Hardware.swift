import Foundation
import Hardware
import Kernel
import Tensor

/// Digital hardware: multipliers and MACs, embedded weights, power per weight, systolic
/// arrays and voltage scaling, bound to the models in `Hardware/Logic` and `Hardware/Accelerator`.
enum HardwareLibrary {
  static let category = "Digital hardware"
  /// The widest operand the bindings accept: embedding is checked exhaustively over every activation.
  static let maximumBits = 16

  static func register(into registry: BuiltinRegistry) {
    registry.describe(
      category: category,
      "Multipliers and MACs as and-inverter graphs mapped onto a standard-cell library: the 45 nm "
        + "logical-effort one by default, or with `library:` a real Liberty library (\"osu018\", \"osu035\" from "
        + "Debian's qflow packages, or a .lib file) with NLDM delays and internal-power tables; switched-capacitance "
        + "energy with glitches, alpha-power voltage scaling; weights embedded as constants and simplified; "
        + "weight-stationary systolic arrays.")
    registry.document(
      type: CircuitObject.typeName, category: category,
      doc: "A multiplier or MAC mapped onto a cell library; displays its metrics.", members: CircuitObject.memberDocs)
    registry.document(
      type: PowerTableObject.typeName, category: category,
      doc: "A MAC's energy per stationary weight value; displays a chart and the cheapest weights.",
      members: PowerTableObject.memberDocs)
    registry.document(
      type: SystolicArrayObject.typeName, category: category, doc: "A weight-stationary systolic array of MAC units.",
      members: SystolicArrayObject.memberDocs)
    registerCircuits(into: registry)
    registerPower(into: registry)
    registerAccelerator(into: registry)
  }

  static func registerCircuits(into registry: BuiltinRegistry) {
    registry.register(
      "multiplier", category: category,
      doc: "A generic `bits` x `weight_bits` multiplier `p = x * w` (architecture \"array\", \"wallace\" or \"dadda\").",
      parameters: [
        Parameter("bits", .int), Parameter("signed", .bool, default: .bool(true)),
        Parameter("architecture", .string, default: .string("array")), Parameter("weight_bits", .int, default: .none),
        libraryParameter,
      ],
      returns: .object(CircuitObject.typeName)
    ) { args, context in
      let library = try cellLibrary(args, context)
      let bits = try operandBits(args, "bits")
      let weightBits = args.isGiven("weight_bits") ? try operandBits(args, "weight_bits") : bits
      let signed = try args.bool("signed")
      let configuration = MACConfiguration(
        activationBits: bits, weightBits: weightBits, accumulatorBits: 0, activationSigned: signed, weightSigned: signed,
        architecture: try architecture(args))
      let aig = try NeuralNetworkLibrary.engine("multiplier") {
        try Generators.multiplier(
          activationBits: bits, weightBits: weightBits, activationSigned: signed, weightSigned: signed,
          architecture: configuration.architecture)
      }
      return .object(try circuit(.multiplier, configuration, aig, library: library, args))
    }

    registry.register(
      "mac", category: category,
      doc: "A generic multiply-accumulate unit `y = acc + x * w` with a two's-complement `accumulator`-bit partial sum.",
      parameters: [
        Parameter("bits", .int), Parameter("accumulator", .int, default: .number(22)),
        Parameter("signed", .bool, default: .bool(true)), Parameter("architecture", .string, default: .string("array")),
        Parameter("weight_bits", .int, default: .none), libraryParameter,
      ],
      returns: .object(CircuitObject.typeName)
    ) { args, context in
      let library = try cellLibrary(args, context)
      let bits = try operandBits(args, "bits")
      let weightBits = args.isGiven("weight_bits") ? try operandBits(args, "weight_bits") : bits
      let accumulator = try args.int("accumulator")
      guard (2...62).contains(accumulator) else {
        throw args.error("accumulator", "must be between 2 and 62 bits, got \(accumulator)")
      }
      let signed = try args.bool("signed")
      let configuration = MACConfiguration(
        activationBits: bits, weightBits: weightBits, accumulatorBits: accumulator, activationSigned: signed,
        weightSigned: signed, architecture: try architecture(args))
      let aig = try NeuralNetworkLibrary.engine("mac") { try Generators.mac(configuration) }
      return .object(try circuit(.mac, configuration, aig, library: library, args))
    }

    registry.register(
      "embed", category: category,
      doc: "The circuit with the constant `weight` tied to its weight port and simplified, checked exhaustively against integer arithmetic.",
      parameters: [Parameter("circuit", .object(CircuitObject.typeName)), Parameter("weight", .int)],
      returns: .object(CircuitObject.typeName)
    ) { args, context in
      let circuit = try args.object("circuit", as: CircuitObject.self)
      guard circuit.generic == nil, let port = circuit.aig.inputPort(named: "w") else {
        throw args.error("circuit", "already has its weight embedded; embed into the generic circuit")
      }
      let weight = try args.int("weight")
      guard weight >= port.minimum && weight <= port.maximum else {
        throw args.error(
          "weight",
          "must fit the \(port.width)-bit \(port.isSigned ? "signed" : "unsigned") weight port (\(port.minimum) to \(port.maximum)), got \(weight)")
      }
      let aig = try NeuralNetworkLibrary.engine("embed") { try circuit.aig.embedding(["w": weight]) }
      try checkEmbedding(aig, of: circuit, weight: weight, context: context)
      return .object(try NeuralNetworkLibrary.engine("embed") {
        try CircuitObject(
          function: circuit.function, configuration: circuit.configuration, aig: aig, library: circuit.library,
          generic: circuit, constants: ["w": weight])
      })
    }

    registry.register(
      "compare", category: category,
      doc: "A table of and_nodes, transistors, delay, energy and power of a generic circuit (weight held) against the circuit with the weight embedded, both under the same random operands.",
      parameters: [
        Parameter("generic", .object(CircuitObject.typeName)), Parameter("embedded", .object(CircuitObject.typeName)),
        Parameter("operations", .int, default: .number(4096)), Parameter("seed", .int, default: .number(1)),
      ],
      returns: .object(TableObject.typeName)
    ) { args, context in
      let generic = try args.object("generic", as: CircuitObject.self)
      let embedded = try args.object("embedded", as: CircuitObject.self)
      guard embedded.generic === generic else {
        throw args.error("embedded", "must be made from the first circuit by embed(), e.g. compare(m, embed(m, weight: -2))")
      }
      let operations = try args.int("operations")
      guard operations >= 2 else { throw args.error("operations", "must be at least 2, got \(operations)") }
      try context.checkInterrupt()
      let comparison = try NeuralNetworkLibrary.engine("compare") {
        try EmbeddingComparison.measure(
          generic.aig, constants: embedded.constants, operations: operations, seed: UInt64(truncatingIfNeeded: try args.int("seed")),
          library: generic.library)
      }
      return .object(try comparisonTable(
        comparison, area: generic.measuresArea,
        caption: "\(generic.name) against \(embedded.name), \(cellsName(generic.library)), \(operations) random operations, power at 1 GHz"))
    }

    registry.register(
      "export_blif", category: category,
      doc: "Writes the circuit as BLIF (the and-inverter graph, or the mapped cells with `mapped: true`) to `path` (relative to the notebook's folder); returns the path written.",
      parameters: [
        Parameter("circuit", .object(CircuitObject.typeName)), Parameter("path", .string),
        Parameter("mapped", .bool, default: .bool(false)),
      ],
      returns: .string
    ) { args, context in
      let circuit = try args.object("circuit", as: CircuitObject.self)
      let text = try args.bool("mapped") ? circuit.netlist.blif(modelName: "circuit") : circuit.aig.blif(modelName: "circuit")
      return try write(text, args, context)
    }

    registry.register(
      "export_verilog", category: category,
      doc: "Writes the circuit as structural Verilog (the and-inverter graph, or the mapped cells with `mapped: true`) to `path` (relative to the notebook's folder); returns the path written.",
      parameters: [
        Parameter("circuit", .object(CircuitObject.typeName)), Parameter("path", .string),
        Parameter("mapped", .bool, default: .bool(false)),
      ],
      returns: .string
    ) { args, context in
      let circuit = try args.object("circuit", as: CircuitObject.self)
      let text = try args.bool("mapped") ? circuit.netlist.verilog(moduleName: "circuit") : circuit.aig.verilog(moduleName: "circuit")
      return try write(text, args, context)
    }
  }

  /// A table of two circuits' metrics and the relative change.
  static func comparisonTable(_ c: EmbeddingComparison, area: Bool = false, caption: String) throws -> TableObject {
    func row(_ metric: String, _ generic: Double, _ embedded: Double) -> Record {
      Record([
        ("metric", .string(metric)), ("generic", .number(generic)), ("embedded", .number(embedded)),
        ("change", generic == 0 ? Value.none : .number(embedded / generic - 1)),
      ])
    }
    let g = c.generic, e = c.embedded
    let records = [
      row("and_nodes", Double(g.andNodes), Double(e.andNodes)),
      area ? row("area", g.area, e.area) : row("transistors", Double(g.transistors), Double(e.transistors)),
      row("delay_ps", g.criticalDelay * 1e12, e.criticalDelay * 1e12),
      row("sensitised_delay_ps", g.worstSensitisedDelay * 1e12, e.worstSensitisedDelay * 1e12),
      row("energy_pj", g.energyPerOperation * 1e12, e.energyPerOperation * 1e12),
      row("power_uw", g.power(frequency: c.frequency) * 1e6, e.power(frequency: c.frequency) * 1e6),
    ]
    return try TableObject(
      columns: ["metric", "generic", "embedded", "change"], records: records, caption: caption,
      formats: ["generic": try FormatSpec(".4g"), "embedded": try FormatSpec(".4g"), "change": try FormatSpec("+.2%")])
  }

  /// The `library` parameter of the hardware builtins.
  static let libraryParameter = Parameter("library", .string, default: .string("generic45"))

  /// The cell library the `library` argument names (`generic45`, `osu018`, `osu035`) or a
  /// `.lib` file, read through the sandbox.
  static func cellLibrary(_ args: Arguments, _ context: Context) throws -> CellLibrary {
    var name = try args.string("library")
    if !CellLibrary.libraryNames.contains(name), name != "cmos45nm" {
      guard name.hasSuffix(".lib") || name.contains("/") else {
        throw args.error(
          "library",
          "must be \(CellLibrary.libraryNames.map { "\"\($0)\"" }.joined(separator: ", ")) or a path to a .lib file, got \"\(name)\"\(Suggestion.hint(for: name, among: CellLibrary.libraryNames))")
      }
      name = try context.readPath(name, for: args.function)
    }
    try context.checkInterrupt()
    return try NeuralNetworkLibrary.engine(args.function) { try CellLibrary.named(name) }
  }

  /// A circuit mapped onto `library`.
  static func circuit(
    _ function: CircuitObject.Function, _ configuration: MACConfiguration, _ aig: AIG, library: CellLibrary, _ args: Arguments
  ) throws -> CircuitObject {
    try NeuralNetworkLibrary.engine(args.function) {
      try CircuitObject(function: function, configuration: configuration, aig: aig, library: library)
    }
  }

  /// `45 nm cells`, `osu018 cells`: how captions name a library.
  static func cellsName(_ library: CellLibrary) -> String {
    library.name == CellLibrary.cmos45nm.name ? "45 nm cells" : "\(library.name) cells"
  }

  /// An operand width argument, between 1 and ``maximumBits``.
  static func operandBits(_ args: Arguments, _ name: String) throws -> Int {
    let bits = try args.int(name)
    guard bits >= 1 && bits <= maximumBits else {
      throw args.error(name, "must be between 1 and \(maximumBits) bits, got \(bits)")
    }
    return bits
  }

  /// The `architecture` argument, with a suggestion for a misspelling.
  static func architecture(_ args: Arguments) throws -> MultiplierArchitecture {
    try args.choice("architecture", as: MultiplierArchitecture.self)
  }

  /// Checks an embedded circuit against integer arithmetic over every activation (and, for a
  /// MAC, up to 64 partial sums); a mismatch is a bug in the simplification, reported as an error.
  static func checkEmbedding(_ aig: AIG, of circuit: CircuitObject, weight: Int, context: Context) throws {
    guard let x = aig.inputPort(named: "x") else { return }
    let activations = Array(x.minimum...x.maximum)
    switch circuit.function {
    case .multiplier:
      let products = try NeuralNetworkLibrary.engine("embed") { try aig.evaluate(["x": activations])["p"] }
      guard products == activations.map({ $0 * weight }) else {
        throw LabError("embed(): the simplified circuit for weight \(weight) disagrees with x * \(weight)")
      }
    case .mac:
      guard let acc = aig.inputPort(named: "acc") else { return }
      var random = SplitMix64(seed: 7)
      let span = UInt64(acc.maximum - acc.minimum) &+ 1
      let partialSums = acc.width <= 6
        ? Array(acc.minimum...acc.maximum)
        : [0, acc.minimum, acc.maximum] + (0..<61).map { _ in acc.minimum + Int(random.next() % span) }
      for (done, partial) in partialSums.enumerated() {
        try context.progress(task: "embed: checking weight \(weight)", done: done, total: partialSums.count)
        let ys = try NeuralNetworkLibrary.engine("embed") {
          try aig.evaluate(["x": activations, "acc": Array(repeating: partial, count: activations.count)])["y"]
        }
        guard ys == activations.map({ wrap(partial + $0 * weight, bits: acc.width) }) else {
          throw LabError("embed(): the simplified MAC for weight \(weight) disagrees with acc + x * \(weight) at acc = \(partial)")
        }
      }
    }
  }

  /// `value` modulo `2^bits`, as a two's-complement number.
  static func wrap(_ value: Int, bits: Int) -> Int {
    let modulus = 1 << bits, half = 1 << (bits - 1)
    let r = (value + half) % modulus
    return (r < 0 ? r + modulus : r) - half
  }

  /// Writes an export and returns its path.
  static func write(_ text: String, _ args: Arguments, _ context: Context) throws -> Value {
    let written = try args.string("path")
    guard !written.isEmpty else { throw args.error("path", "must not be empty") }
    let path = try context.writePath(written, for: args.function)
    do {
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw args.error("path", "could not be written ('\(path)'): \(error.localizedDescription)")
    }
    return .string(path)
  }
}
