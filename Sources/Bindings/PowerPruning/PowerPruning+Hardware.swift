import Foundation
import Hardware
import Kernel
import NeuralNetwork
import Techniques

extension PowerPruningLibrary {
  static func registerHardware(into registry: BuiltinRegistry) {
    registry.register(
      "stream_power", category: category,
      doc: "Energy per operation of a generic MAC for each stationary weight value (all if `weights` is none), driven by an OperandStream (a network's own operands or random ones), glitches counted by `counting` ('inertial', 'transport', 'zero_delay').",
      parameters: [
        Parameter("mac", .object(CircuitObject.typeName)), Parameter("stream", .object(OperandStreamObject.typeName)),
        Parameter("weights", .listOf(.number), default: .none), Parameter("counting", .string, default: .string("inertial")),
      ],
      returns: .object(PowerTableObject.typeName)
    ) { args, context in
      let mac = try genericMAC(args)
      let stream = try args.object("stream", as: OperandStreamObject.self).stream
      guard let w = mac.aig.inputPort(named: "w") else { throw args.error("mac", "has no weight port w") }
      let weights = args["weights"].isNone
        ? Array(w.minimum...w.maximum)
        : try integers(args, "weights", in: w.minimum...w.maximum, what: "the \(w.width)-bit weight port")
      let name = try args.choice("counting", among: HardwareLibrary.countings.map(\.name))
      let counting = HardwareLibrary.countings.first { $0.name == name }?.counting ?? .inertial
      let table = try engine("stream_power") {
        try WeightPower.characterize(
          mac.netlist, configuration: mac.configuration, weights: weights, stream: stream, counting: counting,
          progress: progress(context, "stream_power"))
      }
      return .object(PowerTableObject(table, origin: "\(stream.transitions) transitions of \(stream.origin)"))
    }

    registry.register(
      "sensitised_delays", category: category,
      doc: "For each weight value (all if none), the delays of the MAC paths that every transition between two `activations` values sensitises (default: 0 to the largest level in steps of `step`), the partial sum held at `partial_sum`; event-driven with the library's gate delays.",
      parameters: [
        Parameter("mac", .object(CircuitObject.typeName)), Parameter("weights", .listOf(.number), default: .none),
        Parameter("activations", .listOf(.number), default: .none), Parameter("step", .int, default: .number(1)),
        Parameter("partial_sum", .int, default: .number(0)),
      ],
      returns: .object(SensitisedDelaysObject.typeName)
    ) { args, context in
      let mac = try genericMAC(args)
      guard let w = mac.aig.inputPort(named: "w"), let x = mac.aig.inputPort(named: "x") else {
        throw args.error("mac", "has no ports w and x")
      }
      let weights = args["weights"].isNone
        ? Array(w.minimum...w.maximum)
        : try integers(args, "weights", in: w.minimum...w.maximum, what: "the \(w.width)-bit weight port")
      let step = try args.int("step")
      guard step >= 1 else { throw args.error("step", "must be at least 1, got \(step)") }
      if !args["activations"].isNone, args.isGiven("step") {
        throw args.error("step", "applies to the default grid only; `activations` lists the values")
      }
      let activations = args["activations"].isNone
        ? Array(stride(from: 0, through: x.maximum, by: step))
        : try integers(args, "activations", in: x.minimum...x.maximum, what: "the \(x.width)-bit activation port")
      guard activations.count <= 256 else {
        throw args.error("activations", "must hold at most 256 values (every pair is simulated), got \(activations.count)")
      }
      let partial = try args.int("partial_sum")
      return .object(SensitisedDelaysObject(try engine("sensitised_delays") {
        try SensitisedDelays.characterize(
          mac.netlist, weights: weights, activations: activations, partialSum: partial,
          progress: progress(context, "sensitised_delays"))
      }))
    }

    registry.register(
      "select_values", category: category,
      doc: "PowerPruning's selection: the `pool` cheapest weights of `power` (2 x `weights` if none), then `activations` values kept by dropping the one with the longest sensitised transitions first, then the `weights` cheapest pool weights whose delay over the kept activations is at most `target_ps` (the fastest ones if none).",
      parameters: [
        Parameter("power", .object(PowerTableObject.typeName)), Parameter("delays", .object(SensitisedDelaysObject.typeName)),
        Parameter("weights", .int), Parameter("activations", .int), Parameter("pool", .int, default: .none),
        Parameter("target_ps", .number, default: .none),
      ],
      returns: .object(ValueSelectionObject.typeName)
    ) { args, _ in
      let power = try args.object("power", as: PowerTableObject.self).table
      let delays = try args.object("delays", as: SensitisedDelaysObject.self).delays
      let target = try args.optionalNumber("target_ps")
      if let target, !(target.isFinite && target > 0) {
        throw args.error("target_ps", "must be a positive number of picoseconds, got \(NumberFormatting.plain(target))")
      }
      let selection = try engine("select_values") {
        try ValueSelection.select(
          power: power, delays: delays, weightCount: try args.int("weights"), activationCount: try args.int("activations"),
          poolSize: try args.optionalInt("pool"), targetDelay: target.map { $0 * 1e-12 })
      }
      let energy = Dictionary(uniqueKeysWithValues: power.entries.map { ($0.weight, $0.energyPerOperation) })
      return .object(ValueSelectionObject(selection, energy: energy))
    }

    registry.register(
      "retimed_delay", category: category,
      doc: "Re-runs the timing of the kept values at supply `voltage`: every transition among `activations` for each of `weights` (or a ValueSelection's), simulated afresh, its worst delay scaled to `voltage` by the library's alpha-power law; in ps.",
      parameters: [
        Parameter("mac", .object(CircuitObject.typeName)), Parameter("voltage", .number),
        Parameter("selection", .object(ValueSelectionObject.typeName), default: .none),
        Parameter("weights", .listOf(.number), default: .none), Parameter("activations", .listOf(.number), default: .none),
        Parameter("partial_sum", .int, default: .number(0)),
      ],
      returns: .number
    ) { args, context in
      let mac = try genericMAC(args)
      guard let w = mac.aig.inputPort(named: "w"), let x = mac.aig.inputPort(named: "x") else {
        throw args.error("mac", "has no ports w and x")
      }
      var weights: [Int], activations: [Int]
      if !args["selection"].isNone {
        let s = try args.object("selection", as: ValueSelectionObject.self).selection
        (weights, activations) = (s.weights, s.activations)
      } else {
        guard !args["weights"].isNone, !args["activations"].isNone else {
          throw args.error("selection", "or both `weights` and `activations` are needed")
        }
        weights = try integers(args, "weights", in: w.minimum...w.maximum, what: "the \(w.width)-bit weight port")
        activations = try integers(args, "activations", in: x.minimum...x.maximum, what: "the \(x.width)-bit activation port")
      }
      let voltage = try args.number("voltage")
      let library = mac.library
      guard voltage.isFinite, voltage > library.thresholdVoltage, voltage <= library.nominalVoltage else {
        throw args.error(
          "voltage", "must be above the threshold \(NumberFormatting.plain(library.thresholdVoltage)) V and at most the nominal \(NumberFormatting.plain(library.nominalVoltage)) V, got \(NumberFormatting.plain(voltage))")
      }
      try context.checkInterrupt()
      return .number(try engine("retimed_delay") {
        try SupplyScaling.retimedCriticalDelay(
          mac.netlist, weights: weights, activations: activations, partialSum: try args.int("partial_sum"), voltage: voltage,
          scaling: VoltageScaling(library: library))
      } * 1e12)
    }

    registry.register(
      "array_power", category: category,
      doc: "Power of a `rows` x `cols` weight-stationary array running `net` on the first `images` test images of `data`, every PE's energy from its weight's entry in `power`, at a `clock_ps` clock and supply `voltage` (nominal if none): a record of dynamic, active-leakage and idle-leakage power (mW), total, energy per image (nJ), cycles and utilisation.",
      parameters: [
        Parameter("net", .object(QuantizedNetworkObject.typeName)), Parameter("data", NeuralNetworkLibrary.dataType),
        Parameter("power", .object(PowerTableObject.typeName)), Parameter("clock_ps", .number),
        Parameter("voltage", .number, default: .none), Parameter("images", .int, default: .number(2)),
        Parameter("rows", .int, default: .number(64)), Parameter("cols", .int, default: .number(64)),
      ],
      returns: .record
    ) { args, context in
      let net = try args.object("net", as: QuantizedNetworkObject.self)
      let table = try args.object("power", as: PowerTableObject.self).table
      let set = try NeuralNetworkLibrary.evaluationSet(args, "data").dataset
      try NeuralNetworkLibrary.checkFits(net.network.model, set, function: "array_power", argument: "data")
      let images = try args.int("images")
      guard images >= 1, images <= set.count else {
        throw args.error("images", "must be between 1 and the \(set.count) images of the data, got \(images)")
      }
      let clock = try args.number("clock_ps")
      guard clock.isFinite, clock > 0 else { throw args.error("clock_ps", "must be positive, got \(NumberFormatting.plain(clock))") }
      let library = table.netlist.library
      let voltage = try args.optionalNumber("voltage")
      if let voltage, !(voltage.isFinite && voltage > library.thresholdVoltage && voltage <= library.nominalVoltage) {
        throw args.error(
          "voltage", "must be above the threshold \(NumberFormatting.plain(library.thresholdVoltage)) V and at most the nominal \(NumberFormatting.plain(library.nominalVoltage)) V, got \(NumberFormatting.plain(voltage))")
      }
      let array = try systolicArray(args)
      let report = try engine("array_power") {
        let layers = try net.network.integerLayers(for: first(images, of: set).inputs)
        return try ArrayPower.measure(
          layers, array: array, table: table, frequency: 1 / (clock * 1e-12), voltage: voltage,
          scaling: VoltageScaling(library: library), images: images, progress: progress(context, "array_power"))
      }
      let watts = { (energy: Double) in report.time > 0 ? energy / report.time * 1e3 : 0 }
      let cycles = report.layers.reduce(0) { $0 + $1.schedule.cycles }
      let macs = report.layers.reduce(0) { $0 + $1.schedule.macs }
      return .record(Record([
        ("voltage", .number(report.voltage)), ("clock_ps", .number(clock)),
        ("dynamic_mw", .number(watts(report.dynamicEnergy))), ("active_leakage_mw", .number(watts(report.activeLeakageEnergy))),
        ("idle_leakage_mw", .number(watts(report.idleLeakageEnergy))), ("total_mw", .number(report.power * 1e3)),
        ("energy_per_image_nj", .number(report.totalEnergy / Double(images) * 1e9)),
        ("cycles", .number(Double(cycles))), ("macs", .number(Double(macs))),
        ("utilisation", .number(Double(macs) / (Double(array.rows * array.columns) * Double(max(cycles, 1))))),
      ]))
    }
  }
}
