import Kernel
import NeuralNetwork
import Tensor

/// The model zoo (`mlp`, `lenet5`, `vgg_small`, `vgg16`, `resnet`) and `summary`.
extension NeuralNetworkLibrary {
  /// Fashion-MNIST's example shape: what the convolutional models are built for by default.
  static let defaultInputShape = [1, 28, 28]

  static func registerModels(into registry: BuiltinRegistry) {
    let seedParameter = Parameter("seed", .int, default: .number(0))
    let classesParameter = Parameter("classes", .int, default: .none)
    let widthParameter = Parameter("width", .number, default: .number(1))

    registry.register(
      "mlp", category: category,
      doc: "A multilayer perceptron: `sizes` from inputs to classes (`[784, 256, 10]`), ReLU between the linear layers.",
      parameters: [Parameter("sizes", .listOf(.int)), inputParameter, seedParameter],
      returns: .object(ModelObject.typeName)
    ) { args, context in
      let sizes = try args.numbers("sizes").map { Int($0) }
      guard sizes.count >= 2, sizes.allSatisfy({ $0 > 0 }) else {
        throw args.error("sizes", "must list at least an input and an output size, all positive, got \(sizes)")
      }
      let (shape, _) = try modelInput(args)
      let randomSeed = seed(try args.int("seed"))
      return try model(engine("mlp") { try .mlp(sizes: sizes, inputShape: shape) }, seed: randomSeed, args, context)
    }

    registry.register(
      "lenet5", category: category,
      doc: "LeNet-5: two 5x5 convolutions with max pooling, then 120-84-classes linear layers, ReLU.",
      parameters: [classesParameter, inputParameter, seedParameter],
      returns: .object(ModelObject.typeName)
    ) { args, context in
      let (shape, count, seed) = try zooArguments(args)
      return try model(engine("lenet5") { try .lenet5(classes: count, inputShape: shape) }, seed: seed, args, context)
    }

    registry.register(
      "vgg_small", category: category,
      doc: "VGG-small: 3x3 convolutions 128-128-pool-256-256-pool-512-512-pool times `width`, batch norm, ReLU, one linear layer.",
      parameters: [classesParameter, widthParameter, inputParameter, seedParameter],
      returns: .object(ModelObject.typeName)
    ) { args, context in
      let (shape, count, seed) = try zooArguments(args)
      let width = try widthArgument(args)
      return try model(
        engine("vgg_small") { try .vggSmall(width: width, classes: count, inputShape: shape) }, seed: seed, args, context)
    }

    registry.register(
      "vgg16", category: category,
      doc: "VGG16: thirteen 3x3 convolutions times `width` with batch norm, global average pool, a 512-wide hidden layer.",
      parameters: [classesParameter, widthParameter, inputParameter, seedParameter],
      returns: .object(ModelObject.typeName)
    ) { args, context in
      let (shape, count, seed) = try zooArguments(args)
      let width = try widthArgument(args)
      guard shape.count == 3, shape[1] >= 16, shape[2] >= 16 else {
        throw args.error("input", "must be images of at least 16x16 for vgg16, got \(shape)")
      }
      return try model(
        engine("vgg16") { try .vgg16(width: width, classes: count, inputShape: shape) }, seed: seed, args, context)
    }

    registry.register(
      "resnet", category: category,
      doc: "A CIFAR-style ResNet of `depth` 6n+2 (20, 32, 44, 56, 110): three stages of basic blocks, 16-32-64 channels times `width`.",
      parameters: [
        Parameter("depth", .int, default: .number(20)), classesParameter, widthParameter, inputParameter,
        Parameter("shortcut", .string, default: .string("a")), seedParameter,
      ],
      returns: .object(ModelObject.typeName)
    ) { args, context in
      let (shape, count, seed) = try zooArguments(args)
      let width = try widthArgument(args)
      let depth = try args.int("depth")
      guard depth >= 8, (depth - 2) % 6 == 0 else {
        throw args.error("depth", "must be 6n + 2 (20, 32, 44, 56, 110), got \(depth)")
      }
      let shortcut: Architecture.ResNetShortcut = try args.choice("shortcut", among: ["a", "b"]) == "a" ? .a : .b
      return try model(
        engine("resnet") {
          try .resnet(depth: depth, width: width, classes: count, inputShape: shape, shortcut: shortcut)
        }, seed: seed, args, context)
    }

    registry.register(
      "summary", category: category,
      doc: "The layer table of a model as a Table: layer, type, output shape, parameters and MACs, with a total.",
      parameters: [Parameter("net", .object(ModelObject.typeName)), Parameter("caption", .string, default: .none)],
      returns: .object(TableObject.typeName)
    ) { args, _ in
      let net = try args.object("net", as: ModelObject.self)
      return .object(try net.summaryTable(caption: try args.optionalString("caption")))
    }
  }

  /// A zoo model built from `architecture`, once the memory it needs (weights, gradients and up
  /// to two optimiser moments: 16 bytes a parameter) fits the session's budget.
  static func model(_ architecture: Architecture, seed: UInt64, _ args: Arguments, _ context: Context) throws -> Value {
    let parameters = architecture.storedScalars
    try context.reserve(
      bytes: .saturatingProduct(parameters, 16), for: "\(args.function)(): a model of \(grouped(parameters)) parameters")
    try context.checkInterrupt()
    return .object(ModelObject(try engine(args.function) {
      try Model(architecture: architecture, seed: seed, checkpoint: { try context.checkInterrupt() })
    }))
  }

  /// The input shape, class count and seed of a zoo model, checked.
  static func zooArguments(_ args: Arguments) throws -> (shape: [Int], classes: Int, seed: UInt64) {
    let (shape, dataClasses) = try modelInput(args)
    let classes = try args.optionalInt("classes") ?? dataClasses ?? 10
    guard classes >= 1 else { throw args.error("classes", "must be at least 1, got \(classes)") }
    let input = shape ?? defaultInputShape
    guard input.count == 3 else {
      throw args.error("input", "must be images [channels, height, width] for \(args.function)(), got \(input)")
    }
    return (input, classes, seed(try args.int("seed")))
  }

  /// The channel multiplier, checked.
  static func widthArgument(_ args: Arguments) throws -> Double {
    let width = try args.number("width")
    guard width > 0, width <= 8 else {
      throw args.error("width", "must be a positive channel multiplier up to 8, got \(NumberFormatting.plain(width))")
    }
    return width
  }
}
