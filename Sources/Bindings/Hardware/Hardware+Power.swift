import Hardware
import Kernel
import Tensor

extension HardwareLibrary {
  /// The language's names of the toggle-counting models.
  static let countings: [(name: String, counting: ToggleCounting)] = [
    ("zero_delay", .zeroDelay), ("inertial", .inertial), ("transport", .transport),
  ]

  static func registerPower(into registry: BuiltinRegistry) {
    registry.register(
      "characterize", category: category,
      doc: "Energy per operation of a generic MAC for each stationary weight value (all values if `weights` is none), over random activations and partial sums. `counting`: 'inertial' (glitches with inertial gate delays, as the cell library is calibrated), 'transport' (every glitch) or 'zero_delay' (final values only).",
      parameters: [
        Parameter("mac", .object(CircuitObject.typeName)),
        Parameter("weights", .listOf(.number), default: .none),
        Parameter("transitions", .int, default: .number(2000)),
        Parameter("seed", .int, default: .number(1)),
        Parameter("counting", .string, default: .string("inertial")),
        Parameter("partial_sums", .string, default: .string("random")),
      ],
      returns: .object(PowerTableObject.typeName)
    ) { args, context in
      let mac = try args.object("mac", as: CircuitObject.self)
      guard mac.function == .mac, mac.generic == nil, let weightPort = mac.aig.inputPort(named: "w"),
            let xPort = mac.aig.inputPort(named: "x")
      else { throw args.error("mac", "must be a generic MAC from mac(), got \(mac.name)") }
      var weights = Array(weightPort.minimum...weightPort.maximum)
      if args.isGiven("weights"), !args["weights"].isNone {
        weights = try args.numbers("weights").map { value in
          guard value == value.rounded(), value >= Double(weightPort.minimum), value <= Double(weightPort.maximum) else {
            throw args.error(
              "weights", "must hold whole numbers from \(weightPort.minimum) to \(weightPort.maximum) (the \(weightPort.width)-bit weight port), got \(NumberFormatting.plain(value))")
          }
          return Int(value)
        }
        guard !weights.isEmpty else { throw args.error("weights", "must not be empty") }
      }
      let transitions = try args.int("transitions")
      guard transitions >= 1 && transitions <= 10_000_000 else {
        throw args.error("transitions", "must be between 1 and 10000000, got \(transitions)")
      }
      let countingName = try args.choice("counting", among: countings.map(\.name))
      // `choice` has checked the name.
      let counting = countings.first { $0.name == countingName }!.counting
      let seed = UInt64(truncatingIfNeeded: try args.int("seed"))
      var random = SplitMix64(seed: seed)
      let span = UInt64(xPort.maximum - xPort.minimum + 1)
      let activations = (0...transitions).map { _ in xPort.minimum + Int(random.next() % span) }
      let accumulator: AccumulatorStream
      switch try args.string("partial_sums") {
      case "random":
        // Partial sums in an array are sums of products: about as wide as one product.
        let bits = min(mac.configuration.accumulatorBits, mac.configuration.activationBits + mac.configuration.weightBits)
        accumulator = .uniform(bits: bits, seed: seed &+ 1)
      case "zero": accumulator = .constant(0)
      case let other:
        throw args.error("partial_sums", "must be 'random' or 'zero', got '\(other)'")
      }
      // Characterize a few weights at a time so that progress shows and an interrupt stops it.
      let chunk = counting == .zeroDelay ? 16 : 4
      var table: MACPowerTable?
      var done = 0
      while done < weights.count {
        try context.progress(task: "characterize \(mac.name)", done: done, total: weights.count)
        let part = Array(weights[done..<min(done + chunk, weights.count)])
        let result = try NeuralNetworkLibrary.engine("characterize") {
          try MACPowerTable.characterize(
            mac.netlist, configuration: mac.configuration, weights: part, activations: activations,
            accumulator: accumulator, counting: counting)
        }
        if table == nil { table = result } else { table?.entries += result.entries }
        done += part.count
      }
      try context.progress(task: "characterize \(mac.name)", done: weights.count, total: weights.count)
      guard let table else { throw args.error("weights", "must not be empty") }
      return .object(PowerTableObject(table))
    }

    registry.register(
      "delay_table", category: category,
      doc: "Sensitised delay of a generic MAC per stationary weight: the worst and mean settle time, in ps, over every transition between the given activation values (event-driven, inertial gate delays).",
      parameters: [
        Parameter("mac", .object(CircuitObject.typeName)),
        Parameter("weights", .listOf(.number), default: .none),
        Parameter("activations", .listOf(.number), default: .none),
        Parameter("partial_sum", .int, default: .number(0)),
      ],
      returns: .object(TableObject.typeName)
    ) { args, context in
      let mac = try args.object("mac", as: CircuitObject.self)
      guard mac.function == .mac, mac.generic == nil, let weightPort = mac.aig.inputPort(named: "w"),
            let xPort = mac.aig.inputPort(named: "x"), let accPort = mac.aig.inputPort(named: "acc")
      else { throw args.error("mac", "must be a generic MAC from mac(), got \(mac.name)") }
      let weights = try portValues(args, "weights", weightPort, default: Array(weightPort.minimum...weightPort.maximum))
      // Every pair of values is simulated, so by default at most 16 evenly spaced activations.
      let count = xPort.maximum - xPort.minimum + 1
      let spaced = count <= 16 ? Array(xPort.minimum...xPort.maximum) : (0..<16).map { xPort.minimum + $0 * (count - 1) / 15 }
      let activations = try portValues(args, "activations", xPort, default: spaced)
      guard activations.count <= 256 else {
        throw args.error("activations", "must hold at most 256 values (every pair is simulated), got \(activations.count)")
      }
      let partial = try args.int("partial_sum")
      guard partial >= accPort.minimum && partial <= accPort.maximum else {
        throw args.error("partial_sum", "must fit the \(accPort.width)-bit accumulator (\(accPort.minimum) to \(accPort.maximum)), got \(partial)")
      }
      var records: [Record] = []
      for (done, weight) in weights.enumerated() {
        try context.progress(task: "delay_table \(mac.name)", done: done, total: weights.count)
        let table = try NeuralNetworkLibrary.engine("delay_table") {
          try MACDelayTable.characterize(mac.netlist, weight: weight, activations: activations, accumulator: partial)
        }
        let mean = table.delays.isEmpty ? 0 : table.delays.reduce(0, +) / Double(table.delays.count)
        records.append(Record([
          ("weight", .number(Double(weight))), ("worst_delay_ps", .number(table.worst * 1e12)),
          ("mean_delay_ps", .number(mean * 1e12)),
        ]))
      }
      try context.progress(task: "delay_table \(mac.name)", done: weights.count, total: weights.count)
      return .object(try TableObject(
        columns: ["weight", "worst_delay_ps", "mean_delay_ps"], records: records,
        caption: "\(mac.name): sensitised delay per weight over \(activations.count * activations.count) activation transitions, partial sum \(partial)",
        formats: ["worst_delay_ps": try FormatSpec(".1f"), "mean_delay_ps": try FormatSpec(".1f")]))
    }

    registry.register(
      "voltage_for", category: category,
      doc: "The lowest supply, in volts, at which a path of `delay_ps` picoseconds at the nominal supply meets a `clock_ps` clock (the alpha-power law of the cell `library`).",
      parameters: [Parameter("delay_ps", .number), Parameter("clock_ps", .number), libraryParameter],
      returns: .number
    ) { args, context in
      let (delay, clock) = try delayAndClock(args)
      let scaling = VoltageScaling(library: try cellLibrary(args, context))
      try checkMeets(delay: delay, clock: clock, scaling, args)
      return .number(try NeuralNetworkLibrary.engine("voltage_for") {
        try scaling.lowestSupply(delay: delay * 1e-12, clockPeriod: clock * 1e-12)
      })
    }

    registry.register(
      "scale_voltage", category: category,
      doc: "Runs a circuit at the lowest supply that meets `clock_ps` (its static delay, or `delay_ps` if given): a record of the voltage and the power before and after, in microwatts.",
      parameters: [
        Parameter("circuit", .object(CircuitObject.typeName)), Parameter("clock_ps", .number),
        Parameter("delay_ps", .number, default: .none),
      ],
      returns: .record
    ) { args, _ in
      let circuit = try args.object("circuit", as: CircuitObject.self)
      let clock = try args.number("clock_ps")
      guard clock.isFinite, clock > 0 else { throw args.error("clock_ps", "must be positive, got \(NumberFormatting.plain(clock))") }
      let delay = try args.optionalNumber("delay_ps") ?? circuit.delayPicoseconds
      guard delay.isFinite, delay >= 0 else { throw args.error("delay_ps", "must be >= 0, got \(NumberFormatting.plain(delay))") }
      let scaling = VoltageScaling(library: circuit.library)
      try checkMeets(delay: delay, clock: clock, scaling, args)
      let voltage = try NeuralNetworkLibrary.engine("scale_voltage") {
        try scaling.lowestSupply(delay: delay * 1e-12, clockPeriod: clock * 1e-12)
      }
      let frequency = 1 / (clock * 1e-12)
      let energy = circuit.energy.picojoules * 1e-12, leakage = circuit.energy.leakage
      let nominal = scaling.power(
        energyPerOperation: energy, leakage: leakage, frequency: frequency, voltage: scaling.library.nominalVoltage)
      let scaled = scaling.power(energyPerOperation: energy, leakage: leakage, frequency: frequency, voltage: voltage)
      return .record(Record([
        ("voltage", .number(voltage)), ("nominal_voltage", .number(scaling.library.nominalVoltage)),
        ("delay_ps", .number(delay)), ("scaled_delay_ps", .number(delay * scaling.delayScale(at: voltage))),
        ("clock_ps", .number(clock)), ("power_nominal_uw", .number(nominal.total * 1e6)),
        ("power_scaled_uw", .number(scaled.total * 1e6)),
        ("saving", .number(nominal.total > 0 ? 1 - scaled.total / nominal.total : 0)),
      ]))
    }
  }

  /// A list argument of whole numbers that fit `port`, or `defaultValues` when it is none.
  static func portValues(_ args: Arguments, _ name: String, _ port: Port, default defaultValues: [Int]) throws -> [Int] {
    guard !args[name].isNone else { return defaultValues }
    let values = try args.numbers(name).map { value -> Int in
      guard value == value.rounded(), value >= Double(port.minimum), value <= Double(port.maximum) else {
        throw args.error(
          name, "must hold whole numbers from \(port.minimum) to \(port.maximum) (the \(port.width)-bit port '\(port.name)'), got \(NumberFormatting.plain(value))")
      }
      return Int(value)
    }
    guard !values.isEmpty else { throw args.error(name, "must not be empty") }
    return values
  }

  /// Checks that the clock is not shorter than the delay, which no supply up to the nominal one fixes.
  static func checkMeets(delay: Double, clock: Double, _ scaling: VoltageScaling, _ args: Arguments) throws {
    let nominal = scaling.library.nominalVoltage
    guard delay <= clock else {
      throw args.error(
        "clock_ps",
        "(\(NumberFormatting.plain(clock)) ps) is shorter than the delay of \(NumberFormatting.plain(delay)) ps even at the nominal \(NumberFormatting.plain(nominal)) V")
    }
  }

  /// The `delay_ps` and `clock_ps` arguments, checked.
  static func delayAndClock(_ args: Arguments) throws -> (Double, Double) {
    let delay = try args.number("delay_ps"), clock = try args.number("clock_ps")
    guard delay.isFinite, delay >= 0 else { throw args.error("delay_ps", "must be >= 0, got \(NumberFormatting.plain(delay))") }
    guard clock.isFinite, clock > 0 else { throw args.error("clock_ps", "must be positive, got \(NumberFormatting.plain(clock))") }
    return (delay, clock)
  }
}
