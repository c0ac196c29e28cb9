import Kernel
import NeuralNetwork
import Tensor

/// `quantize`: post-training fake quantisation of a model's multiplier weights and, optionally, activations.
extension NeuralNetworkLibrary {
  static func registerQuantization(into registry: BuiltinRegistry) {
    registry.register(
      "quantize", category: category,
      doc: "A copy of `net` whose convolution and linear weights are rounded to symmetric `bits`-bit levels (per output channel or per tensor) or to the allowed integer `levels`; `activations` bits also quantise the activation outputs with scales calibrated on `calibrate`.",
      parameters: [
        Parameter("net", .object(ModelObject.typeName)), Parameter("bits", .int, default: .number(8)),
        Parameter("per_channel", .bool, default: .bool(true)), Parameter("levels", .listOf(.int), default: .none),
        Parameter("activations", .int, default: .none), Parameter("calibrate", dataType, default: .none),
      ],
      returns: .object(ModelObject.typeName)
    ) { args, context in
      let net = try args.object("net", as: ModelObject.self)
      let bits = try args.int("bits")
      guard bits >= 2, bits <= 24 else { throw args.error("bits", "must be between 2 and 24, got \(bits)") }
      let levels = args["levels"].isNone ? nil : try args.numbers("levels").map { Int($0) }
      let perChannel = try args.bool("per_channel")
      // Output channels are axis 0 of both convolution ([out, in, k, k]) and linear ([out, in]) weights.
      let granularity: Quantizer.Granularity = perChannel ? .perChannel(axis: 0) : .perTensor
      let activationBits = try args.optionalInt("activations")
      if let activationBits, !(2...24).contains(activationBits) {
        throw args.error("activations", "must be between 2 and 24 bits, got \(activationBits)")
      }
      let calibration = try calibrationInputs(args)
      if activationBits != nil, calibration == nil {
        throw args.error(
          "calibrate", "is needed with `activations`: the examples whose largest activations fix the scales (e.g. `calibrate: data.train.subset(500)`)")
      }
      if activationBits == nil, calibration != nil { throw args.error("calibrate", "only applies with `activations`") }
      if let calibration { try checkFits(net.model, calibration, function: "quantize", argument: "calibration data") }
      try context.checkInterrupt()

      let (copy, hooks, stage) = try quantizationErrors { () -> (Model, [String: (Variable) throws -> Variable], ActivationQuantization?) in
        let quantizer = try Quantizer(bits: bits, granularity: granularity, allowedLevels: levels)
        let copy = try net.model.copy()
        try copy.quantizeWeights(quantizer)
        var hooks = net.hooks
        var stage: ActivationQuantization?
        if let activationBits, let calibration {
          // Scales come from the quantised-weight model: what the hardware's activations really reach.
          let activationQuantizer = try Quantizer(bits: activationBits)
          let quantization = try ActivationQuantization.calibrated(
            quantizer: activationQuantizer, layers: ActivationQuantization.defaultLayers(of: copy), model: copy,
            inputs: calibration.inputs)
          hooks = quantization.merged(into: hooks)
          stage = quantization
        }
        return (copy, hooks, stage)
      }
      var note = levels.map { "weights on \($0.count) levels" } ?? "\(bits)-bit weights \(perChannel ? "per channel" : "per tensor")"
      if let activationBits { note += ", \(activationBits)-bit activations" }
      if let previous = net.quantization { note = "\(previous); then \(note)" }
      let stages = net.activationStages.map { $0 + (stage.map { [$0] } ?? []) }
      return .object(ModelObject(copy, hooks: hooks, quantization: note, activationStages: stages))
    }
  }

  /// The inputs to calibrate activation scales on: a Dataset, or the training part of DatasetSplits.
  static func calibrationInputs(_ args: Arguments) throws -> Dataset? {
    switch args["calibrate"] {
    case .none: return nil
    case .object(let splits as DatasetSplitsObject): return try splits.splits.train
    case .object(let set as DatasetObject):
      guard try set.dataset.count > 0 else { throw args.error("calibrate", "has no examples") }
      return try set.dataset
    default: throw args.error("calibrate", "must be a DatasetSplits or a Dataset, got \(args["calibrate"].typeName)")
    }
  }

  /// Runs quantisation code, reporting its errors as `quantize()`'s.
  static func quantizationErrors<T>(_ body: () throws -> T) throws -> T {
    try engine("quantize") {
      do {
        return try body()
      } catch let error as QuantizationError {
        // The engine says `quantise: ...`; the language's spelling of the operation is `quantize()`.
        let prefix = "quantise: "
        let message = error.description.hasPrefix(prefix) ? String(error.description.dropFirst(prefix.count)) : error.description
        throw LabError("quantize(): \(message)")
      }
    }
  }
}
