import Kernel
import NeuralNetwork
import Tensor

/// A neural network in the language: `net.parameters`, `net.macs`, `net.layer("conv3")`;
/// displays its summary table.
///
/// The object refers to the engine's model: training and surgery change it in place, and
/// `net2 = net` names the same network (`net.copy()` makes an independent one).
public final class ModelObject: LabObject {
  /// `Model`.
  public static let typeName = "Model"
  /// The wrapped network.
  public let model: Model
  /// Forward hooks by layer path that every evaluation and training run of this model installs
  /// (fake-quantised activations); empty for a plain network.
  public let hooks: [String: (Variable) throws -> Variable]
  /// What `quantize` did to the model (`8-bit weights per channel`), or `nil` for a float model.
  public let quantization: String?

  /// The activation quantisations the hooks were made from, in the order they were applied
  /// (the cache writes these, not the hooks, which are code); `nil` when the hooks came from
  /// elsewhere (such a model cannot be cached).
  public let activationStages: [ActivationQuantization]?

  /// Wraps a network, with the forward hooks its evaluations need and a note of its quantisation.
  public convenience init(_ model: Model, hooks: [String: (Variable) throws -> Variable] = [:], quantization: String? = nil) {
    self.init(model, hooks: hooks, quantization: quantization, activationStages: hooks.isEmpty ? [] : nil)
  }

  /// Wraps a network whose hooks are `activationStages` merged in order (see ``activationStages``).
  public init(
    _ model: Model, hooks: [String: (Variable) throws -> Variable], quantization: String?,
    activationStages: [ActivationQuantization]?
  ) {
    self.model = model
    self.hooks = hooks
    self.quantization = quantization
    self.activationStages = activationStages
  }

  static let memberDocs: [(name: String, doc: String)] = [
    ("name", "The architecture's name (`vgg_small`, `resnet20`)."),
    ("parameters", "The number of trainable parameters."),
    ("macs", "Multiply-accumulates of one inference (one example)."),
    ("input_shape", "The shape of one input example."),
    ("output_shape", "The shape of one output (`[10]` for ten classes)."),
    ("layers", "The dotted names of every layer, depth first (`conv1`, `stage1.block1.conv1`)."),
    ("layer", "`layer(name)`: the Layer called `name`, with its kind, shapes, parameters and weights."),
    ("prunable", "The names of the convolutions and linear layers whose filters can be removed on their own (not coupled to other layers through residual sums)."),
    ("coupled", "`coupled(layer)`: the layers whose output channels are added to `layer`'s through residual sums, `layer` first; they lose filters together."),
    ("remove_filters", "`remove_filters(layer, filters)`: removes the listed output filters of a convolution or linear layer, in place, with everything that consumed them and every coupled layer's same channels; returns a record of what changed."),
    ("tensors", "The names of every parameter and buffer (`conv1.weight`, `bn1.running_mean`)."),
    ("tensor", "`tensor(name)`: the current value of a parameter or buffer as a Tensor."),
    ("summary", "`summary()`: the layer table (same as `summary(net)`)."),
    ("copy", "`copy()`: an independent copy with the same architecture and weights."),
    ("quantization", "What `quantize` did (`8-bit weights per channel, 8-bit activations`), or none for a float model."),
  ]

  /// See ``memberDocs``.
  public var memberNames: [String] { ModelObject.memberDocs.map(\.name) }

  /// The members of ``memberDocs``.
  public func member(_ name: String) throws -> Value? {
    switch name {
    case "name": return .string(model.name)
    case "parameters": return .number(Double(model.parameterCount))
    case "macs": return .number(Double(model.macs))
    case "input_shape": return NeuralNetworkLibrary.shapeValue(model.inputShape)
    case "output_shape": return NeuralNetworkLibrary.shapeValue(model.outputShape)
    case "layers": return .list(model.allLayers.map { .string($0.path) })
    case "prunable": return .list(model.prunableLayers.map(Value.string))
    case "tensors": return .list(model.namedTensors.map { .string($0.name) })
    case "quantization": return quantization.map(Value.string) ?? Value.none
    case "layer":
      return method(name, doc: "A layer by name.", parameters: [Parameter("name", .string)], returns: .object(LayerObject.typeName)) {
        net, args, _ in .object(try net.layerObject(try args.string("name"), function: "Model.layer"))
      }
    case "tensor":
      return method(name, doc: "A tensor by name.", parameters: [Parameter("name", .string)], returns: .object(TensorObject.typeName)) {
        net, args, _ in
        let wanted = try args.string("name")
        let tensors = net.model.namedTensors
        guard let found = tensors.first(where: { $0.name == wanted }) else {
          throw LabError(
            "Model.tensor(): model '\(net.model.name)' has no tensor '\(wanted)'"
              + Suggestion.hint(for: wanted, among: tensors.map(\.name)))
        }
        return .object(TensorObject(found.tensor, label: found.name))
      }
    case "coupled":
      return method(name, doc: "The layers sharing `layer`'s output channels.", parameters: [Parameter("layer", .string)], returns: .list) {
        net, args, _ in
        let path = try net.layerObject(try args.string("layer"), function: "Model.coupled").layer.path
        return .list(try NeuralNetworkLibrary.engine("Model.coupled") { try net.model.coupledLayers(of: path) }.map(Value.string))
      }
    case "remove_filters":
      return method(
        name, doc: "Removes output filters of a layer in place.",
        parameters: [Parameter("layer", .string), Parameter("filters", .listOf(.int))], returns: .record
      ) { net, args, _ in
        let path = try net.layerObject(try args.string("layer"), function: "Model.remove_filters").layer.path
        // Activation quantisers hold scales per layer output (and channel): they would no longer fit.
        guard net.hooks.isEmpty else {
          throw LabError("Model.remove_filters(): the model's activations are quantised; remove filters first, then quantize()")
        }
        let filters = try args.numbers("filters").map(Int.init)
        guard !filters.isEmpty else { throw args.error("filters", "must list at least one filter") }
        let report = try NeuralNetworkLibrary.engine("Model.remove_filters") { try net.model.removeFilters(filters, from: path) }
        return .record(Record([
          ("layer", .string(report.layer)), ("removed", .list(report.removed.map { .number(Double($0)) })),
          ("kept", .number(Double(report.kept.count))), ("changed", .list(report.changedLayers.map(Value.string))),
          ("coupled", .list(report.coupledLayers.map(Value.string))),
        ]))
      }
    case "summary":
      return method(name, doc: "The layer table.", returns: .object(TableObject.typeName)) { net, _, _ in .object(try net.summaryTable()) }
    case "copy":
      return method(name, doc: "An independent copy.", returns: .object(ModelObject.typeName)) { net, _, _ in
        // Hooks refer to layers by path, so they apply to the copy as they did to the original.
        .object(ModelObject(
          try NeuralNetworkLibrary.engine("Model.copy") { try net.model.copy() }, hooks: net.hooks, quantization: net.quantization,
          activationStages: net.activationStages))
      }
    default: return nil
    }
  }

  /// The layer called `path`, or an error naming the function with a suggestion.
  func layerObject(_ path: String, function: String) throws -> LayerObject {
    guard let layer = model.layer(path) else {
      let names = model.allLayers.map(\.path)
      let hint = Suggestion.hint(for: path, among: names)
      let listing = hint.isEmpty ? " (layers: \(names.prefix(12).joined(separator: ", "))\(names.count > 12 ? ", ..." : ""))" : hint
      throw LabError("\(function)(): model '\(model.name)' has no layer '\(path)'\(listing)")
    }
    return LayerObject(layer, in: model, owner: self)
  }

  /// One row per leaf layer (and residual sum), then a total: layer, type, output, params, MACs.
  func summaryTable(caption: String? = nil) throws -> TableObject {
    let rows = model.summary()
    var records = rows.map { row in
      Record([
        ("layer", .string(row.name)), ("type", .string(row.type)), ("output", .string(NeuralNetworkLibrary.shapeText(row.outputShape))),
        ("params", .number(Double(row.parameters))), ("MACs", .number(Double(row.macs))),
      ])
    }
    records.append(
      Record([
        ("layer", .string("total")), ("type", .string("")), ("output", .string("")),
        ("params", .number(Double(model.parameterCount))), ("MACs", .number(Double(rows.reduce(0) { $0 + $1.macs }))),
      ]))
    let grouped = try FormatSpec(",d")
    return try TableObject(
      columns: ["layer", "type", "output", "params", "MACs"], records: records, caption: caption,
      formats: ["params": grouped, "MACs": grouped])
  }

  /// `<Model vgg_small: 1,234 parameters, 5,678 MACs>`.
  public var summary: String {
    let note = quantization.map { ", \($0)" } ?? ""
    return "<Model \(model.name): \(NeuralNetworkLibrary.grouped(model.parameterCount)) parameters, \(NeuralNetworkLibrary.grouped(model.macs)) MACs\(note)>"
  }

  /// The model's name and shapes, then its layer table.
  public func display() -> [DisplayItem] {
    var items: [DisplayItem] = [
      .text("Model \(model.name): input \(model.inputShape) -> output \(model.outputShape)\(quantization.map { ", \($0)" } ?? "")")
    ]
    if let table = try? summaryTable() { items += table.display() }
    return items
  }
}
