import Hardware
import Kernel

extension HardwareLibrary {
  static func registerAccelerator(into registry: BuiltinRegistry) {
    registry.register(
      "systolic_array", category: category,
      doc: "A weight-stationary systolic array of `rows` x `cols` MACs; weights load \"serial\" or \"double_buffered\".",
      parameters: [
        Parameter("rows", .int, default: .number(16)), Parameter("cols", .int, default: .number(16)),
        Parameter("loading", .string, default: .string("serial")),
      ],
      returns: .object(SystolicArrayObject.typeName)
    ) { args, _ in
      let rows = try args.int("rows"), cols = try args.int("cols")
      guard (1...4096).contains(rows) else { throw args.error("rows", "must be between 1 and 4096, got \(rows)") }
      guard (1...4096).contains(cols) else { throw args.error("cols", "must be between 1 and 4096, got \(cols)") }
      let loading: SystolicArray.WeightLoading =
        try args.choice("loading", among: ["serial", "double_buffered"]) == "serial" ? .serial : .doubleBuffered
      return .object(SystolicArrayObject(try NeuralNetworkLibrary.engine("systolic_array") {
        try SystolicArray(rows: rows, columns: cols, weightLoading: loading)
      }))
    }

    registry.register(
      "schedule", category: category,
      doc: "Tiles, cycles and utilization of a layer on the array: a convolution (`kernel` and `size` given, lowered by im2col) or a linear layer.",
      parameters: [
        Parameter("array", .object(SystolicArrayObject.typeName)),
        Parameter("inputs", .int), Parameter("outputs", .int),
        Parameter("kernel", .int, default: .none), Parameter("size", .int, default: .none),
        Parameter("stride", .int, default: .number(1)), Parameter("padding", .int, default: .number(0)),
        Parameter("batch", .int, default: .number(1)),
      ],
      returns: .record
    ) { args, _ in
      let sa = try args.object("array", as: SystolicArrayObject.self)
      let inputs = try positive(args, "inputs"), outputs = try positive(args, "outputs"), batch = try positive(args, "batch")
      let layer: LayerShape
      switch (try args.optionalInt("kernel"), try args.optionalInt("size")) {
      case (nil, nil):
        layer = .linear(inputs: inputs, outputs: outputs, batch: batch)
      case (let kernel?, let size?):
        guard kernel >= 1 else { throw args.error("kernel", "must be positive, got \(kernel)") }
        guard size >= 1 else { throw args.error("size", "must be positive, got \(size)") }
        layer = .convolution(
          inChannels: inputs, outChannels: outputs, kernelHeight: kernel, kernelWidth: kernel, inputHeight: size,
          inputWidth: size, stride: try positive(args, "stride"), padding: try args.int("padding"), batch: batch)
      case (nil, _):
        throw args.error("kernel", "is needed with 'size' for a convolution (leave both out for a linear layer)")
      case (_, nil):
        throw args.error("size", "is needed with 'kernel' for a convolution (leave both out for a linear layer)")
      }
      let plan = try NeuralNetworkLibrary.engine("schedule") { try sa.array.schedule(layer) }
      return .record(Record([
        ("m", .number(Double(plan.shape.m))), ("k", .number(Double(plan.shape.k))), ("n", .number(Double(plan.shape.n))),
        ("row_tiles", .number(Double(plan.rowTiles))), ("column_tiles", .number(Double(plan.columnTiles))),
        ("tiles", .number(Double(plan.tiles))), ("cycles", .number(Double(plan.cycles))),
        ("macs", .number(Double(plan.macs))), ("utilization", .number(plan.utilisation)),
      ]))
    }
  }

  /// A whole-number argument that must be at least 1.
  static func positive(_ args: Arguments, _ name: String) throws -> Int {
    let value = try args.int(name)
    guard value >= 1 else { throw args.error(name, "must be positive, got \(value)") }
    return value
  }
}
