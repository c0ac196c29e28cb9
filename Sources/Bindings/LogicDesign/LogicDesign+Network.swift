import Hardware
import Kernel
import Techniques

/// The network-level builtins: the multiplier cost table and one run of the whole experiment.
extension LogicDesignLibrary {
  static func registerNetwork(into registry: BuiltinRegistry) {
    registry.register(
      "multiplier_costs", category: category,
      doc: "Every `weight_bits`-bit weight value's constant multiplier (unsigned `activation_bits`-bit activations), simplified and mapped: records {weight, rank, and_nodes, transistors, area, delay_ps}, ranked cheapest first by area.",
      parameters: [
        Parameter("activation_bits", .int, default: .number(2)), Parameter("weight_bits", .int, default: .number(4)),
        HardwareLibrary.libraryParameter,
      ],
      returns: .list
    ) { args, context in
      let (activationBits, weightBits) = try widths(args)
      let library = try HardwareLibrary.cellLibrary(args, context)
      let table = try NeuralNetworkLibrary.engine("multiplier_costs") {
        try MultiplierCostTable.build(activationBits: activationBits, weightBits: weightBits, library: library)
      }
      let rank = Dictionary(uniqueKeysWithValues: table.ranking.enumerated().map { ($1, $0 + 1) })
      return .list(table.entries.map { entry in
        .record(Record([
          ("weight", .number(Double(entry.weight))), ("rank", .number(Double(rank[entry.weight] ?? 0))),
          ("and_nodes", .number(Double(entry.andNodes))), ("transistors", .number(Double(entry.transistors))),
          ("area", .number(entry.area)), ("delay_ps", .number(entry.delay * 1e12)),
        ]))
      })
    }

    registry.register(
      "logic_design", category: category,
      doc: "One seed of the logic-design experiment on a stand-in `task` (\"fashion10\" or \"footwear\"): trains the MLP, quantises it, searches the n cheapest weight values, builds and costs the generic, embedded and hardware-aware designs; returns a record (see the notebook).",
      parameters: [
        Parameter("task", .string), Parameter("hidden", .listOf(.number)),
        Parameter("input_bits", .int, default: .number(2)), Parameter("activation_bits", .int, default: .number(2)),
        Parameter("weight_bits", .int, default: .number(4)), Parameter("train", .int, default: .number(10000)),
        Parameter("test", .int, default: .number(2000)), Parameter("validation", .number, default: .number(0.1)),
        Parameter("side", .int, default: .number(7)), Parameter("epochs", .int, default: .number(10)),
        Parameter("q_epochs", .int, default: .number(3)), Parameter("lr", .number, default: .number(0.003)),
        Parameter("percentile", .number, default: .number(0.99)),
        Parameter("tolerance", .number, default: .number(0.01)), Parameter("n_start", .int, default: .number(3)),
        Parameter("power_samples", .int, default: .number(500)), Parameter("clock_fractions", .listOf(.number), default: .list([])),
        Parameter("prove", .bool, default: .bool(false)), Parameter("step_circuits", .bool, default: .bool(true)), Parameter("seed", .int, default: .number(1)),
        Parameter("data_seed", .int, default: .number(1)), HardwareLibrary.libraryParameter,
      ],
      returns: .record
    ) { args, context in
      let task: LogicTask = try args.choice("task", as: LogicTask.self)
      let hidden = try args.numbers("hidden").map { Int($0) }
      guard !hidden.isEmpty, hidden.allSatisfy({ $0 >= 1 && $0 <= 1024 }) else {
        throw args.error("hidden", "must list 1 to 1024 neurons per hidden layer, got \(hidden)")
      }
      let (activationBits, weightBits) = try widths(args)
      let inputBits = try args.int("input_bits")
      guard (1...8).contains(inputBits) else { throw args.error("input_bits", "must be 1 to 8, got \(inputBits)") }
      let library = try HardwareLibrary.cellLibrary(args, context)
      let fractions = try args.numbers("clock_fractions")
      guard fractions.allSatisfy({ $0 > 0 && $0 <= 1 }) else {
        throw args.error("clock_fractions", "must be fractions of the layer pipeline's clock in (0, 1], got \(fractions)")
      }
      let seed = NeuralNetworkLibrary.seed(try args.int("seed"))
      let training = LogicTrainingSettings(
        hidden: hidden, inputBits: inputBits, activationBits: activationBits, weightBits: weightBits,
        epochs: try positive(args, "epochs"), quantizedEpochs: try args.int("q_epochs"),
        learningRate: Float(try args.number("lr")), percentile: try args.number("percentile"), seed: seed)
      var settings = LogicExperimentSettings(
        task: task, training: training, train: try positive(args, "train"), test: try positive(args, "test"),
        validation: try args.number("validation"), side: try positive(args, "side"),
        dataSeed: NeuralNetworkLibrary.seed(try args.int("data_seed")), tolerance: try args.number("tolerance"),
        nStart: try positive(args, "n_start"), library: library, powerSamples: try positive(args, "power_samples"),
        clockFractions: fractions, prove: try args.bool("prove"))
      settings.stepCircuits = try args.bool("step_circuits")
      let result = try NeuralNetworkLibrary.engine("logic_design") {
        let table = try MultiplierCostTable.build(activationBits: activationBits, weightBits: weightBits, library: library)
        return try LogicDesignExperiment.run(settings, table: table) { p in
          try context.progress(task: "logic_design: \(p.task)", done: p.done, total: p.total)
        }
      }
      return .record(record(result, task: task))
    }
  }

  static func widths(_ args: Arguments) throws -> (Int, Int) {
    let a = try args.int("activation_bits"), w = try args.int("weight_bits")
    guard (1...8).contains(a) else { throw args.error("activation_bits", "must be 1 to 8, got \(a)") }
    guard (2...8).contains(w) else { throw args.error("weight_bits", "must be 2 to 8 (signed), got \(w)") }
    return (a, w)
  }

  static func positive(_ args: Arguments, _ name: String) throws -> Int {
    let value = try args.int(name)
    guard value >= 1 else { throw args.error(name, "must be positive, got \(value)") }
    return value
  }

  static func costRecord(_ name: String, _ cost: DesignCost, logicDelay: Double?) -> Value {
    var fields: [(String, Value)] = [
      ("design", .string(name)), ("pipeline", .string(cost.pipeline)), ("stages", .number(Double(cost.stages))),
      ("registers", .number(Double(cost.registers))), ("transistors", .number(Double(cost.transistors))),
      ("logic_transistors", .number(Double(cost.logicTransistors))), ("area", .number(cost.area)),
    ]
    if let logicDelay { fields.append(("delay_ps", .number(logicDelay * 1e12))) }
    fields += [
      ("clock_ps", .number(cost.clockPeriod * 1e12)), ("power_mw", .number(cost.power * 1e3)),
      ("energy_pj", .number(cost.energyPerSample * 1e12)), ("msamples_s", .number(cost.samplesPerSecond / 1e6)),
      ("met", .bool(cost.met)),
    ]
    return .record(Record(fields))
  }

  static func record(_ r: LogicExperimentResult, task: LogicTask) -> Record {
    let steps: [Value] = r.steps.map { s in
      .record(Record([
        ("n", .number(Double(s.n))), ("levels", .string(s.levels.map(String.init).joined(separator: " "))),
        ("validation", .number(s.validationAccuracy)), ("test", .number(s.testAccuracy)),
        ("multiplier_area", .number(s.multiplierArea)),
        ("transistors", s.transistors.map { .number(Double($0)) } ?? .none), ("area", s.area.map(Value.number) ?? .none),
      ]))
    }
    return Record([
      ("task", .string(task.rawValue)), ("stands_for", .string(task.standsFor)),
      ("float", .number(r.floatAccuracy)), ("quantised", .number(r.quantizedAccuracy)),
      ("hardware_aware", .number(r.hardwareAwareAccuracy)), ("reference_validation", .number(r.referenceValidationAccuracy)),
      ("n", .number(Double(r.steps.last?.n ?? 0))),
      ("levels", .string(r.steps.last.map { $0.levels.map(String.init).joined(separator: " ") } ?? "")),
      ("found", .bool(r.found)), ("steps", .list(steps)),
      ("designs", .list(r.designs.map { costRecord($0.name, $0.cost, logicDelay: $0.logicDelay) })),
      ("pipelines", .list(r.pipelines.map { costRecord("embedded + hardware-aware", $0, logicDelay: nil) })),
      ("mismatches", .number(Double(r.mismatches))), ("checked", .number(Double(r.checked))),
      ("proved", r.proved.map(Value.bool) ?? .none), ("weights", .number(Double(r.weights))),
      ("nonzero_quantised", .number(Double(r.nonzeroQuantized))),
      ("nonzero_hardware_aware", .number(Double(r.nonzeroHardwareAware))),
    ])
  }
}
