/// The elementwise activation functions a layer can apply.
public enum ActivationFunction: String, Codable, Equatable, Sendable {
  /// `max(x, 0)`.
  case relu
  /// The logistic sigmoid.
  case sigmoid
  /// The hyperbolic tangent.
  case tanh
}

/// How a residual block's input reaches its sum.
public indirect enum ShortcutSpec: Codable, Equatable, Sendable {
  /// The input unchanged (same shape as the body's output).
  case identity
  /// Option A of He et al.: subsample by `stride`, then add zero channels before and after.
  case padded(stride: Int, before: Int, after: Int)
  /// Option B: a projection (1x1 convolution and batch norm) with learned weights.
  case projection(layers: [LayerSpec])
}

/// A Codable description of one layer with its current shapes: enough to rebuild it.
public indirect enum LayerSpec: Codable, Equatable, Sendable {
  /// A 2-D convolution with a square kernel.
  case conv2d(name: String, inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int, padding: Int, bias: Bool)
  /// A fully connected layer.
  case linear(name: String, inFeatures: Int, outFeatures: Int, bias: Bool)
  /// Batch normalisation over channels (NCHW) or features (`[N, F]`).
  case batchNorm(name: String, channels: Int, epsilon: Float, momentum: Float)
  /// Max pooling with a square window.
  case maxPool(name: String, kernelSize: Int, stride: Int, padding: Int)
  /// Average pooling with a square window.
  case avgPool(name: String, kernelSize: Int, stride: Int, padding: Int)
  /// Adaptive average pooling to a fixed grid.
  case adaptiveAvgPool(name: String, outputHeight: Int, outputWidth: Int)
  /// An elementwise activation.
  case activation(name: String, function: ActivationFunction)
  /// Flattens each example to a vector.
  case flatten(name: String)
  /// Inverted dropout (active in training only).
  case dropout(name: String, probability: Float)
  /// Layers applied in order.
  case sequential(name: String, layers: [LayerSpec])
  /// `activation(body(x) + shortcut(x))`.
  case residual(name: String, body: [LayerSpec], shortcut: ShortcutSpec, activation: ActivationFunction?)

  /// The layer's name.
  public var name: String {
    switch self {
    case .conv2d(let name, _, _, _, _, _, _), .linear(let name, _, _, _), .batchNorm(let name, _, _, _),
      .maxPool(let name, _, _, _), .avgPool(let name, _, _, _), .adaptiveAvgPool(let name, _, _),
      .activation(let name, _), .flatten(let name), .dropout(let name, _), .sequential(let name, _),
      .residual(let name, _, _, _):
      return name
    }
  }

  /// Builds the layer (parameters zero until the model initialises them), or explains what is wrong.
  public func makeLayer() throws -> Layer {
    func positive(_ values: [Int], _ what: String) throws {
      guard values.allSatisfy({ $0 > 0 }) else {
        throw ModelError(.invalidArchitecture, "layer '\(name)': \(what) must be positive")
      }
    }
    switch self {
    case .conv2d(let name, let inC, let outC, let k, let s, let p, let bias):
      try positive([inC, outC, k, s], "channels, kernel size and stride")
      guard p >= 0 else { throw ModelError(.invalidArchitecture, "layer '\(name)': negative padding") }
      return Conv2d(name: name, inChannels: inC, outChannels: outC, kernelSize: k, stride: s, padding: p, bias: bias)
    case .linear(let name, let inF, let outF, let bias):
      try positive([inF, outF], "feature counts")
      return Linear(name: name, inFeatures: inF, outFeatures: outF, bias: bias)
    case .batchNorm(let name, let c, let eps, let momentum):
      try positive([c], "channels")
      guard eps > 0, momentum >= 0, momentum <= 1 else {
        throw ModelError(.invalidArchitecture, "layer '\(name)': epsilon must be positive and momentum in [0, 1]")
      }
      return BatchNorm(name: name, channels: c, epsilon: eps, momentum: momentum)
    case .maxPool(let name, let k, let s, let p):
      try positive([k, s], "kernel size and stride")
      return Pool2d(name: name, mode: .max, kernelSize: k, stride: s, padding: p)
    case .avgPool(let name, let k, let s, let p):
      try positive([k, s], "kernel size and stride")
      return Pool2d(name: name, mode: .average, kernelSize: k, stride: s, padding: p)
    case .adaptiveAvgPool(let name, let h, let w):
      try positive([h, w], "output size")
      return AdaptiveAvgPool2d(name: name, outputHeight: h, outputWidth: w)
    case .activation(let name, let function):
      return Activation(name: name, function: function)
    case .flatten(let name):
      return Flatten(name: name)
    case .dropout(let name, let p):
      guard p >= 0, p < 1 else { throw ModelError(.invalidArchitecture, "layer '\(name)': dropout probability \(p)") }
      return Dropout(name: name, probability: p)
    case .sequential(let name, let layers):
      return Sequential(name: name, layers: try layers.map { try $0.makeLayer() })
    case .residual(let name, let body, let shortcut, let activation):
      let made: ResidualBlock.Shortcut
      switch shortcut {
      case .identity: made = .identity
      case .padded(let s, let before, let after):
        guard s > 0, before >= 0, after >= 0 else {
          throw ModelError(.invalidArchitecture, "layer '\(name)': padded shortcut with stride \(s)")
        }
        made = .padded(stride: s, before: before, after: after)
      case .projection(let layers):
        made = .projection(Sequential(name: "shortcut", layers: try layers.map { try $0.makeLayer() }))
      }
      return ResidualBlock(
        name: name, body: try body.map { try $0.makeLayer() }, shortcut: made, activation: activation)
    }
  }
}
