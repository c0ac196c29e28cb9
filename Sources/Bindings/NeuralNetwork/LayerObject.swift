import Kernel
import NeuralNetwork

/// One layer of a model in the language (`net.layer("conv3")`): name, kind, shapes, parameters,
/// MACs, channels and weights.
///
/// Members are read when asked, so a layer object shows the layer as it is after training or pruning.
public final class LayerObject: LabObject {
  /// `Layer`.
  public static let typeName = "Layer"
  /// The wrapped layer.
  public let layer: Layer
  /// The model the layer belongs to (for its shapes).
  public let model: Model

  /// The model object the layer was taken from (`net` in `net.layer("fc1")`), so the cell cache
  /// keeps the layer a view of that very object.
  let owner: ModelObject?

  /// Wraps a layer of `model`.
  public convenience init(_ layer: Layer, in model: Model) {
    self.init(layer, in: model, owner: nil)
  }

  init(_ layer: Layer, in model: Model, owner: ModelObject?) {
    self.layer = layer
    self.model = model
    self.owner = owner
  }

  static let memberDocs: [(name: String, doc: String)] = [
    ("name", "The dotted name in the model (`stage1.block1.conv1`)."),
    ("kind", "The kind of layer: `Conv2d`, `Linear`, `BatchNorm`, `ReLU`, `MaxPool`, `Flatten`, `ResidualBlock`, ..."),
    ("parameters", "Trainable scalars of the layer and the layers inside it."),
    ("macs", "Multiply-accumulates per example of the layer and the layers inside it."),
    ("input_shape", "The shape of one example entering the layer."),
    ("output_shape", "The shape of one example leaving the layer."),
    ("in_channels", "Input channels (Conv2d), input features (Linear) or channels (BatchNorm); none otherwise."),
    ("out_channels", "Output channels (Conv2d), output features (Linear) or channels (BatchNorm); none otherwise."),
    ("kernel_size", "The side of the square kernel (Conv2d, pooling); none otherwise."),
    ("stride", "The stride (Conv2d, pooling); none otherwise."),
    ("padding", "The zero padding on each side (Conv2d, pooling); none otherwise."),
    ("weight", "The weight Tensor (Conv2d `[out, in, k, k]`, Linear `[out, in]`, BatchNorm scale), or none."),
    ("bias", "The bias Tensor, or none."),
    ("children", "The names of the layers directly inside this one (sequences, residual blocks)."),
    ("prunable", "Whether filter pruning accepts this layer (its output channels are not coupled to a residual sum or the output)."),
  ]

  /// See ``memberDocs``.
  public var memberNames: [String] { LayerObject.memberDocs.map(\.name) }

  /// The members of ``memberDocs``.
  public func member(_ name: String) throws -> Value? {
    switch name {
    case "name": return .string(layer.path)
    case "kind": return .string(layer.typeName)
    case "parameters": return .number(Double(layer.allLayers.reduce(0) { $0 + $1.ownParameterCount }))
    case "macs": return .number(Double(macs))
    case "input_shape": return model.layerShapes()[layer.path].map { NeuralNetworkLibrary.shapeValue($0.input) } ?? Value.none
    case "output_shape": return model.layerShapes()[layer.path].map { NeuralNetworkLibrary.shapeValue($0.output) } ?? Value.none
    case "in_channels": return number(channels.input)
    case "out_channels": return number(channels.output)
    case "kernel_size": return number(window?.kernel)
    case "stride": return number(window?.stride)
    case "padding": return number(window?.padding)
    case "weight": return tensor(named: "weight")
    case "bias": return tensor(named: "bias")
    case "children": return .list(layer.children.map { .string($0.path) })
    case "prunable": return .bool(model.prunableLayers.contains(layer.path))
    default: return nil
    }
  }

  /// The MACs of this layer's leaves for the model's current shapes.
  private var macs: Int {
    let shapes = model.layerShapes()
    return layer.allLayers.reduce(0) { total, leaf in
      guard leaf.children.isEmpty, let input = shapes[leaf.path]?.input else { return total }
      return total + leaf.macs(for: input)
    }
  }

  private var channels: (input: Int?, output: Int?) {
    switch layer {
    case let conv as Conv2d: return (conv.inChannels, conv.outChannels)
    case let linear as Linear: return (linear.inFeatures, linear.outFeatures)
    case let norm as BatchNorm: return (norm.channels, norm.channels)
    default: return (nil, nil)
    }
  }

  private var window: (kernel: Int, stride: Int, padding: Int)? {
    switch layer {
    case let conv as Conv2d: return (conv.kernelSize, conv.stride, conv.padding)
    case let pool as Pool2d: return (pool.kernelSize, pool.stride, pool.padding)
    default: return nil
    }
  }

  private func number(_ x: Int?) -> Value {
    x.map { .number(Double($0)) } ?? .none
  }

  private func tensor(named local: String) -> Value {
    guard let parameter = layer.ownParameters.first(where: { $0.name == local })?.parameter else { return .none }
    return .object(TensorObject(parameter.value, label: "\(layer.path).\(local)"))
  }

  /// `<Layer conv3 Conv2d [64, 14, 14]>`.
  public var summary: String {
    let output = model.layerShapes()[layer.path].map { " -> \($0.output)" } ?? ""
    return "<Layer \(layer.path) \(layer.typeName)\(output)>"
  }

  /// A one-row table: name, kind, input, output, parameters, MACs.
  public func display() -> [DisplayItem] {
    let shapes = model.layerShapes()[layer.path]
    let parameters = layer.allLayers.reduce(0) { $0 + $1.ownParameterCount }
    let macs = self.macs
    let row = [
      TableCell(text: layer.path), TableCell(text: layer.typeName),
      TableCell(text: shapes.map { NeuralNetworkLibrary.shapeText($0.input) } ?? ""),
      TableCell(text: shapes.map { NeuralNetworkLibrary.shapeText($0.output) } ?? ""),
      TableCell(text: NeuralNetworkLibrary.grouped(parameters), number: Double(parameters)),
      TableCell(text: NeuralNetworkLibrary.grouped(macs), number: Double(macs)),
    ]
    return [.table(TableDisplay(columns: ["layer", "kind", "input", "output", "params", "MACs"], rows: [row]))]
  }
}
