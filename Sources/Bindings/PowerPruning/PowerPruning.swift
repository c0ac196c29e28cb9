import Foundation
import Hardware
import Kernel
import NeuralNetwork
import Techniques

/// PowerPruning (Petri et al., DAC 2023): power and sensitised delay of a MAC per weight value,
/// driven by a network's own integer activations; selection of weight and activation values;
/// retraining on them; voltage scaling; whole-array power.
///
/// The engine side is `Techniques/PowerPruning`; this folder checks arguments and wraps results.
enum PowerPruningLibrary {
  static let category = "PowerPruning"

  static func register(into registry: BuiltinRegistry) {
    registry.describe(
      category: category,
      "Petri et al., DAC 2023: the power of a weight-stationary MAC depends on the weight it holds and on the "
        + "transitions of its operands. Networks are quantised to integers (`pp_quantize`), their operands exported as "
        + "the streams a systolic array's PEs see (`operand_stream`), each weight value characterised on them "
        + "(`stream_power`) and by the delays activation transitions sensitise (`sensitised_delays`); cheap and fast "
        + "values are kept (`select_values`), the network fine-tuned on them (`pp_retrain`), the supply lowered to the "
        + "shorter path (`voltage_for`, `retimed_delay`) and the whole array's power measured (`array_power`).")
    for (type, doc, members) in [
      (QuantizedNetworkObject.typeName, "A network with integer weights and activations.", QuantizedNetworkObject.memberDocs),
      (OperandStreamObject.typeName, "The activations and partial sums one MAC sees.", OperandStreamObject.memberDocs),
      (SensitisedDelaysObject.typeName, "Sensitised delays of a MAC per weight.", SensitisedDelaysObject.memberDocs),
      (ValueSelectionObject.typeName, "The weight and activation values kept.", ValueSelectionObject.memberDocs),
    ] {
      registry.document(type: type, category: category, doc: doc, members: members)
    }
    registerNetworks(into: registry)
    registerHardware(into: registry)
  }

  /// Runs engine code; a PowerPruning error's own step prefix (`select: `) gives way to the builtin's name.
  static func engine<T>(_ function: String, _ body: () throws -> T) throws -> T {
    try NeuralNetworkLibrary.engine(function) {
      do {
        return try body()
      } catch let error as PowerPruningError {
        let text = error.description
        let message = text.range(of: ": ").map { String(text[$0.upperBound...]) } ?? text
        throw PowerPruningError(message)
      }
    }
  }

  /// Forwards a technique's progress to the cell's progress bar (and its interrupts back).
  static func progress(_ context: Context, _ prefix: String) -> TechniqueProgressHandler {
    { p in try context.progress(task: "\(prefix): \(p.task)", done: p.done, total: p.total) }
  }

  /// A generic MAC from `mac()`.
  static func genericMAC(_ args: Arguments, _ name: String = "mac") throws -> CircuitObject {
    let mac = try args.object(name, as: CircuitObject.self)
    guard mac.function == .mac, mac.generic == nil, mac.aig.inputPort(named: "w") != nil else {
      throw args.error(name, "must be a generic MAC from mac(), got \(mac.name)")
    }
    return mac
  }

  /// A list of whole numbers in `range`, not empty.
  static func integers(_ args: Arguments, _ name: String, in range: ClosedRange<Int>, what: String) throws -> [Int] {
    let values = try args.numbers(name)
    guard !values.isEmpty else { throw args.error(name, "must not be empty") }
    return try values.map { value in
      guard value == value.rounded(), value >= Double(range.lowerBound), value <= Double(range.upperBound) else {
        throw args.error(name, "must hold whole numbers from \(range.lowerBound) to \(range.upperBound) (\(what)), got \(NumberFormatting.plain(value))")
      }
      return Int(value)
    }
  }

  /// The first `count` examples of a data set.
  static func first(_ count: Int, of data: Dataset) -> Dataset {
    data.subset(Array(0..<min(count, data.count)))
  }

  // MARK: - Networks

  static func registerNetworks(into registry: BuiltinRegistry) {
    let dataType = NeuralNetworkLibrary.dataType
    registry.register(
      "pp_quantize", category: category,
      doc: "A copy of `net` with `bits`-bit integer weights (per output channel) and activations at every multiplier's input, their scales calibrated on the first `calibrate` training images of `data`.",
      parameters: [
        Parameter("net", .object(ModelObject.typeName)), Parameter("data", dataType),
        Parameter("bits", .int, default: .number(8)), Parameter("calibrate", .int, default: .number(1000)),
      ],
      returns: .object(QuantizedNetworkObject.typeName)
    ) { args, context in
      let net = try args.object("net", as: ModelObject.self)
      guard net.hooks.isEmpty else {
        throw args.error("net", "is already quantised by quantize(); give pp_quantize the float network")
      }
      let bits = try args.int("bits")
      guard (2...16).contains(bits) else { throw args.error("bits", "must be between 2 and 16, got \(bits)") }
      let count = try args.int("calibrate")
      guard count >= 1 else { throw args.error("calibrate", "must be at least 1 image, got \(count)") }
      let set = try NeuralNetworkLibrary.trainingSets(args, "data")?.train ?? NeuralNetworkLibrary.evaluationSet(args, "data").dataset
      try NeuralNetworkLibrary.checkFits(net.model, set, function: "pp_quantize", argument: "data")
      try context.checkInterrupt()
      return .object(QuantizedNetworkObject(try engine("pp_quantize") {
        try QuantizedNetwork.quantize(net.model, bits: bits, calibration: first(count, of: set).inputs)
      }))
    }

    registry.register(
      "pp_accuracy", category: category,
      doc: "Test accuracy of a QuantizedNetwork (integer weights and activations) on `data` (its test part for DatasetSplits).",
      parameters: [Parameter("net", .object(QuantizedNetworkObject.typeName)), Parameter("data", dataType)],
      returns: .number
    ) { args, context in
      let net = try args.object("net", as: QuantizedNetworkObject.self)
      let set = try NeuralNetworkLibrary.evaluationSet(args, "data").dataset
      try NeuralNetworkLibrary.checkFits(net.network.model, set, function: "pp_accuracy", argument: "data")
      return .number(try engine("pp_accuracy") {
        try net.network.accuracy(on: set) { done, total in try context.progress(task: "pp_accuracy", done: done, total: total) }
      })
    }

    registry.register(
      "pp_retrain", category: category,
      doc: "A copy of `net` restricted to the selected weight and activation values (a ValueSelection, or `weights` and `activations` lists) and fine-tuned on `data.train` with the values projected (straight-through) and activations rounded or clamped onto theirs.",
      parameters: [
        Parameter("net", .object(QuantizedNetworkObject.typeName)), Parameter("data", dataType),
        Parameter("selection", .object(ValueSelectionObject.typeName), default: .none),
        Parameter("weights", .listOf(.number), default: .none), Parameter("activations", .listOf(.number), default: .none),
        Parameter("epochs", .int, default: .number(1)), Parameter("lr", .number, default: .number(0.01)),
        Parameter("momentum", .number, default: .number(0.9)), Parameter("batch", .int, default: .number(64)),
        Parameter("seed", .int, default: .number(0)),
      ],
      returns: .object(QuantizedNetworkObject.typeName)
    ) { args, context in
      let net = try args.object("net", as: QuantizedNetworkObject.self)
      let top = (1 << (net.network.bits - 1)) - 1
      let range = (-top - 1)...top
      let what = "\(net.network.bits)-bit levels"
      var weights: [Int], activations: [Int]
      if !args["selection"].isNone {
        for name in ["weights", "activations"] where !args[name].isNone {
          throw args.error(name, "cannot be given with `selection`, which holds both value sets")
        }
        let selection = try args.object("selection", as: ValueSelectionObject.self).selection
        (weights, activations) = (selection.weights, selection.activations)
      } else {
        guard !args["weights"].isNone else { throw args.error("weights", "is needed without a `selection`") }
        guard !args["activations"].isNone else { throw args.error("activations", "is needed without a `selection`") }
        weights = try integers(args, "weights", in: range, what: what)
        activations = try integers(args, "activations", in: range, what: what)
      }
      let epochs = try args.int("epochs")
      guard (0...1000).contains(epochs) else { throw args.error("epochs", "must be between 0 and 1000, got \(epochs)") }
      let lr = try args.number("lr")
      guard lr > 0, lr.isFinite else { throw args.error("lr", "must be positive, got \(NumberFormatting.plain(lr))") }
      let momentum = try args.number("momentum")
      guard momentum >= 0, momentum < 1 else { throw args.error("momentum", "must be in [0, 1), got \(NumberFormatting.plain(momentum))") }
      let batch = try args.int("batch")
      guard batch >= 1 else { throw args.error("batch", "must be positive, got \(batch)") }
      let set = try NeuralNetworkLibrary.trainingSets(args, "data")?.train ?? NeuralNetworkLibrary.evaluationSet(args, "data").dataset
      try NeuralNetworkLibrary.checkFits(net.network.model, set, function: "pp_retrain", argument: "data")
      let settings = RestrictedRetraining.Settings(
        epochs: epochs, learningRate: lr, momentum: momentum, batchSize: batch, seed: NeuralNetworkLibrary.seed(try args.int("seed")))
      return .object(QuantizedNetworkObject(try engine("pp_retrain") {
        try RestrictedRetraining.retrain(
          net.network, weights: weights, activations: activations, on: set, settings: settings,
          progress: progress(context, "pp_retrain"))
      }))
    }

    registry.register(
      "operand_stream", category: category,
      doc: "The operands a MAC of a `rows` x `cols` weight-stationary array sees when `net` runs the first `images` test images of `data`: `transitions` activation levels with the real partial sums, in `chunk`-long runs of randomly drawn PEs of `layer` (every multiplier layer, by MACs, if none).",
      parameters: [
        Parameter("net", .object(QuantizedNetworkObject.typeName)), Parameter("data", dataType),
        Parameter("layer", .string, default: .none), Parameter("images", .int, default: .number(8)),
        Parameter("transitions", .int, default: .number(20000)), Parameter("chunk", .int, default: .number(256)),
        Parameter("rows", .int, default: .number(64)), Parameter("cols", .int, default: .number(64)),
        Parameter("seed", .int, default: .number(1)),
      ],
      returns: .object(OperandStreamObject.typeName)
    ) { args, context in
      let net = try args.object("net", as: QuantizedNetworkObject.self)
      let set = try NeuralNetworkLibrary.evaluationSet(args, "data").dataset
      try NeuralNetworkLibrary.checkFits(net.network.model, set, function: "operand_stream", argument: "data")
      let images = try args.int("images")
      guard images >= 1, images <= set.count else {
        throw args.error("images", "must be between 1 and the \(set.count) images of the data, got \(images)")
      }
      let transitions = try args.int("transitions")
      guard (1...10_000_000).contains(transitions) else {
        throw args.error("transitions", "must be between 1 and 10000000, got \(transitions)")
      }
      let chunk = try args.int("chunk")
      guard chunk >= 2 else { throw args.error("chunk", "must be at least 2, got \(chunk)") }
      let array = try systolicArray(args)
      var layers = try engine("operand_stream") { try net.network.integerLayers(for: first(images, of: set).inputs) }
      if let name = try args.optionalString("layer") {
        let names = layers.map(\.path)
        guard names.contains(name) else {
          throw args.error("layer", "must name a multiplier layer (\(names.joined(separator: ", "))), got \"\(name)\"\(Suggestion.hint(for: name, among: names))")
        }
        layers = layers.filter { $0.path == name }
      }
      try context.checkInterrupt()
      return .object(OperandStreamObject(try engine("operand_stream") {
        try OperandStream.sampled(
          from: layers, array: array, transitions: transitions, chunk: chunk,
          seed: NeuralNetworkLibrary.seed(try args.int("seed")))
      }))
    }

    registry.register(
      "random_stream", category: category,
      doc: "Uniform random activations over the MAC's activation port and random partial sums as wide as one product: the generic stream.",
      parameters: [
        Parameter("mac", .object(CircuitObject.typeName)), Parameter("transitions", .int, default: .number(20000)),
        Parameter("seed", .int, default: .number(1)),
      ],
      returns: .object(OperandStreamObject.typeName)
    ) { args, _ in
      let mac = try genericMAC(args)
      guard let x = mac.aig.inputPort(named: "x") else { throw args.error("mac", "has no activation port x") }
      let transitions = try args.int("transitions")
      guard (1...10_000_000).contains(transitions) else {
        throw args.error("transitions", "must be between 1 and 10000000, got \(transitions)")
      }
      let c = mac.configuration
      return .object(OperandStreamObject(try engine("random_stream") {
        try OperandStream.random(
          transitions: transitions, activationRange: x.minimum...x.maximum,
          partialSumBits: min(c.accumulatorBits, c.activationBits + c.weightBits),
          seed: NeuralNetworkLibrary.seed(try args.int("seed")))
      }))
    }
  }

  /// The array of `rows` and `cols`.
  static func systolicArray(_ args: Arguments) throws -> SystolicArray {
    let rows = try args.int("rows"), cols = try args.int("cols")
    guard (1...4096).contains(rows) else { throw args.error("rows", "must be between 1 and 4096, got \(rows)") }
    guard (1...4096).contains(cols) else { throw args.error("cols", "must be between 1 and 4096, got \(cols)") }
    return try engine("systolic_array") { try SystolicArray(rows: rows, columns: cols) }
  }
}
