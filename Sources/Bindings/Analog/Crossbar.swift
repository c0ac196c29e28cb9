import Hardware
import Kernel
import NeuralNetwork
import Techniques

/// RRAM crossbars: `crossbar`, `lognormal` and Monte Carlo accuracy under device variation.
enum CrossbarLibrary {
  static let category = "Analog crossbars"

  static func register(into registry: BuiltinRegistry) {
    registry.describe(
      category: category,
      "RRAM crossbars hold each convolution and linear layer as differential conductance pairs on 128 x 128 tiles "
        + "(defaults from DNN+NeuroSim's RRAM: 1.11 to 166.7 uS). Process variation multiplies each programmed value "
        + "by e^theta, theta ~ N(0, sigma^2) (CorrectNet); accuracy under variation is a seeded Monte Carlo mean.")
    registry.document(
      type: CrossbarObject.typeName, category: category, doc: "Crossbar settings; displays them as a table.",
      members: CrossbarObject.memberDocs)
    registry.document(
      type: CrossbarVariationObject.typeName, category: category, doc: "A device-variation model.",
      members: CrossbarVariationObject.memberDocs)

    let defaults = CrossbarConfiguration.standard
    registry.register(
      "crossbar", category: category,
      doc: "Crossbar settings: tile size, conductance range in uS, optional conductance levels and converter resolutions.",
      parameters: [
        Parameter("rows", .int, default: .number(Double(defaults.rows))),
        Parameter("cols", .int, default: .number(Double(defaults.columns))),
        Parameter("g_min", .number, default: .number(defaults.minimumConductance)),
        Parameter("g_max", .number, default: .number(defaults.maximumConductance)),
        Parameter("levels", .int, default: .none),
        Parameter("adc_bits", .int, default: .none),
        Parameter("dac_bits", .int, default: .none),
      ],
      returns: .object(CrossbarObject.typeName)
    ) { args, _ in
      let configuration = try NeuralNetworkLibrary.engine("crossbar") {
        try CrossbarConfiguration(
          rows: try args.int("rows"), columns: try args.int("cols"), minimumConductance: try args.number("g_min"),
          maximumConductance: try args.number("g_max"), levels: try args.optionalInt("levels"),
          dacBits: try args.optionalInt("dac_bits"), adcBits: try args.optionalInt("adc_bits"))
      }
      return .object(CrossbarObject(configuration))
    }

    registry.register(
      "lognormal", category: category,
      doc: "Log-normal device variation e^theta, theta ~ N(0, sigma^2), on each weight (`model: \"weight\"`, the paper's) or each device (`\"devices\"`).",
      parameters: [Parameter("sigma", .number), Parameter("model", .string, default: .string(VariationModel.weight.rawValue))],
      returns: .object(CrossbarVariationObject.typeName)
    ) { args, _ in
      .object(CrossbarVariationObject(try variation(try args.number("sigma"), args: args, sigmaArgument: "sigma", modelArgument: "model")))
    }

    registry.register(
      "accuracy_under_variation", category: category,
      doc: "Monte Carlo accuracy of `net` on `data` with every convolution and linear layer on crossbars under variation: a record {mean, std, min, max, samples}.",
      parameters: [
        Parameter("net", .object(ModelObject.typeName)),
        Parameter("data", NeuralNetworkLibrary.dataType),
        Parameter("sigma", .oneOf([.number, .object(CrossbarVariationObject.typeName)]), default: .none),
        Parameter("samples", .int, default: .number(20)),
        Parameter("crossbar", .object(CrossbarObject.typeName), default: .none),
        Parameter("seed", .int, default: .number(0)),
        Parameter("batch", .int, default: .number(1000)),
      ],
      returns: .record
    ) { args, context in
      let result = try monteCarlo(args, context, function: "accuracy_under_variation", variationArgument: "sigma")
      return .record(
        Record([
          ("mean", .number(result.mean)), ("std", .number(result.standardDeviation)),
          ("min", .number(result.minimum)), ("max", .number(result.maximum)),
          ("samples", .list(result.accuracies.map(Value.number))),
          ("sigma", .number(result.variation.sigma)), ("model", .string(result.variation.model.rawValue)),
        ]))
    }
  }

  /// The Monte Carlo evaluation a call asks for, run with progress and interruption per sample.
  ///
  /// Reads the arguments `net`, `data`, `samples`, `crossbar`, `seed`, `batch` and the variation
  /// argument named `variationArgument` (a number is a sigma with the weight model, or a
  /// Variation). `accuracy(net, data, variation: lognormal(0.2), samples: 20)` can route here.
  static func monteCarlo(_ args: Arguments, _ context: Context, function: String, variationArgument: String) throws
    -> VariationAccuracy
  {
    let net = try args.object("net", as: ModelObject.self)
    let (data, part) = try NeuralNetworkLibrary.evaluationSet(args, "data")
    try NeuralNetworkLibrary.checkFits(net.model, data, function: function, argument: part.isEmpty ? "data" : "\(part) set")
    guard data.count > 0 else { throw args.error("data", "has no examples to evaluate on") }
    let variation: LogNormalVariation
    switch args[variationArgument] {
    case .number(let sigma): variation = try Self.variation(sigma, args: args, sigmaArgument: variationArgument, modelArgument: nil)
    case .object(let spec as CrossbarVariationObject): variation = spec.variation
    default:
      throw LabError("\(function)(): give the variation, e.g. `\(variationArgument): 0.2` or `\(variationArgument): lognormal(0.2)`")
    }
    let samples = try args.int("samples")
    guard samples >= 1 else { throw args.error("samples", "must be at least 1, got \(samples)") }
    let batch = try args.int("batch")
    guard batch >= 1 else { throw args.error("batch", "must be a positive batch size, got \(batch)") }
    try NeuralNetworkLibrary.reserveBatch(batch, of: net.model, examples: data.count, training: false, context, function: function)
    var crossbar = CrossbarConfiguration.standard
    if case .object(let xbar as CrossbarObject) = args["crossbar"] { crossbar = xbar.configuration }
    let seed = NeuralNetworkLibrary.seed(try args.int("seed"))
    let evaluation = try NeuralNetworkLibrary.engine(function) {
      try MonteCarloVariation(variation: variation, samples: samples, seed: seed, crossbar: crossbar, batchSize: batch)
    }
    let task = "\(net.model.name) under variation sigma \(NumberFormatting.plain(variation.sigma))"
    return try NeuralNetworkLibrary.engine(function) {
      try evaluation.accuracy(of: net.model, on: data, hooks: net.hooks) { progress in
        try context.progress(task: task, done: progress.done, total: progress.total)
      }
    }
  }

  /// A variation from a sigma argument and, if named, a model argument (`weight` or `devices`).
  static func variation(_ sigma: Double, args: Arguments, sigmaArgument: String, modelArgument: String?) throws
    -> LogNormalVariation
  {
    var model = VariationModel.weight
    if let modelArgument {
      model = try args.choice(modelArgument, as: VariationModel.self)
    }
    guard sigma.isFinite, sigma >= 0 else {
      throw args.error(sigmaArgument, "must be a finite number >= 0, got \(NumberFormatting.plain(sigma))")
    }
    return try LogNormalVariation(sigma: sigma, model: model)
  }

  /// One row per mapped layer: weights, matrix, tiles, devices, utilisation and scale.
  static func mappingTable(_ network: CrossbarNetwork) throws -> TableObject {
    let records = network.layers.map { layer -> Record in
      let t = layer.mapping.tiling
      return Record([
        ("layer", .string(layer.path)),
        ("weights", .string(NeuralNetworkLibrary.shapeText(layer.mapping.weightShape))),
        ("matrix", .string("\(t.outputs) x \(t.inputs)")),
        ("tiles", .number(Double(t.tileCount))),
        ("tile_grid", .string("\(t.rowTiles) x \(t.columnTiles)")),
        ("devices", .number(Double(t.deviceCount))),
        ("utilization", .number(t.utilization)),
        ("scale_uS", .number(layer.mapping.scale)),
      ])
    }
    let total = Record([
      ("layer", .string("total")), ("weights", .string("")), ("matrix", .string("")),
      ("tiles", .number(Double(network.tileCount))), ("tile_grid", .string("")),
      ("devices", .number(Double(network.deviceCount))),
      ("utilization", .number(Double(network.usedDeviceCount) / Double(Swift.max(network.deviceCount, 1)))),
      ("scale_uS", .none),
    ])
    return try TableObject(
      columns: ["layer", "weights", "matrix", "tiles", "tile_grid", "devices", "utilization", "scale_uS"],
      records: records + [total], caption: "Crossbar mapping (matrix = outputs x inputs; tile grid = down x across)",
      formats: [
        "utilization": try FormatSpec(".1%"), "devices": try FormatSpec(","),
        "scale_uS": try FormatSpec(".4g"),
      ])
  }
}
