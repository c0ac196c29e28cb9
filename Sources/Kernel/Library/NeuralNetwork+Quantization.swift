import NeuralNetwork

/// `quantize`: post-training fake quantisation of a model's multiplier weights.
extension NeuralNetworkLibrary {
  static func registerQuantization(into registry: BuiltinRegistry) {
    registry.register(
      "quantize", category: category,
      doc: "A copy of `net` whose convolution and linear weights are rounded to symmetric `bits`-bit levels (per output channel or per tensor), or to the allowed integer `levels`.",
      parameters: [
        Parameter("net", .object(ModelObject.typeName)), Parameter("bits", .int, default: .number(8)),
        Parameter("per_channel", .bool, default: .bool(true)), Parameter("levels", .listOf(.int), default: .none),
      ],
      returns: .object(ModelObject.typeName)
    ) { args, _ in
      let net = try args.object("net", as: ModelObject.self)
      let bits = try args.int("bits")
      guard bits >= 2, bits <= 24 else { throw args.error("bits", "must be between 2 and 24, got \(bits)") }
      let levels = args["levels"].isNone ? nil : try args.numbers("levels").map { Int($0) }
      // Output channels are axis 0 of both convolution ([out, in, k, k]) and linear ([out, in]) weights.
      let granularity: Quantizer.Granularity = try args.bool("per_channel") ? .perChannel(axis: 0) : .perTensor
      let copy = try engine("quantize") {
        do {
          let quantizer = try Quantizer(bits: bits, granularity: granularity, allowedLevels: levels)
          let copy = try net.model.copy()
          try copy.quantizeWeights(quantizer)
          return copy
        } catch let error as QuantizationError {
          // The engine says `quantise: ...`; the language's spelling of the operation is `quantize()`.
          let prefix = "quantise: "
          let message = error.description.hasPrefix(prefix) ? String(error.description.dropFirst(prefix.count)) : error.description
          throw LabError("quantize(): \(message)")
        }
      }
      return .object(ModelObject(copy))
    }
  }
}
