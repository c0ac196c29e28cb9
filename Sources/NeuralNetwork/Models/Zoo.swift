import Tensor

/// The channel count `base * width`, rounded, at least 1.
func scaled(_ base: Int, _ width: Double) -> Int { Swift.max(1, Int((Double(base) * width).rounded())) }

/// The spatial extent after a convolution or pooling step.
func spatial(_ size: Int, kernel: Int, stride: Int, padding: Int) -> Int { (size + 2 * padding - kernel) / stride + 1 }

extension Architecture {
  /// A multilayer perceptron: `Flatten`, then `fc1 ... fcN` with ReLU between (`sizes` includes input and output).
  public static func mlp(sizes: [Int], inputShape: [Int]? = nil) throws -> Architecture {
    guard sizes.count >= 2, sizes.allSatisfy({ $0 > 0 }) else {
      throw ModelError(.invalidArchitecture, "mlp needs at least an input and an output size, all positive")
    }
    let input = inputShape ?? [sizes[0]]
    guard input.reduce(1, *) == sizes[0] else {
      throw ModelError(.invalidArchitecture, "mlp input shape \(input) does not hold \(sizes[0]) features")
    }
    var layers: [LayerSpec] = [.flatten(name: "flatten")]
    for i in 1..<sizes.count {
      layers.append(.linear(name: "fc\(i)", inFeatures: sizes[i - 1], outFeatures: sizes[i], bias: true))
      if i < sizes.count - 1 { layers.append(.activation(name: "relu\(i)", function: .relu)) }
    }
    return Architecture(name: "mlp", inputShape: input, layers: layers)
  }

  /// LeNet-5 as the PyTorch peer: conv 6@5x5 pad 2, max pool, conv 16@5x5, max pool, 400-120-84-classes, ReLU.
  public static func lenet5(classes: Int = 10, inputShape: [Int] = [1, 28, 28]) throws -> Architecture {
    guard inputShape.count == 3, classes > 0 else {
      throw ModelError(.invalidArchitecture, "lenet5 needs an input [C, H, W] and at least one class")
    }
    let h = spatial(
      spatial(
        spatial(spatial(inputShape[1], kernel: 5, stride: 1, padding: 2), kernel: 2, stride: 2, padding: 0), kernel: 5,
        stride: 1, padding: 0), kernel: 2, stride: 2, padding: 0)
    let w = spatial(
      spatial(
        spatial(spatial(inputShape[2], kernel: 5, stride: 1, padding: 2), kernel: 2, stride: 2, padding: 0), kernel: 5,
        stride: 1, padding: 0), kernel: 2, stride: 2, padding: 0)
    guard h > 0, w > 0 else { throw ModelError(.invalidArchitecture, "lenet5: input \(inputShape) is too small") }
    return Architecture(
      name: "lenet5", inputShape: inputShape,
      layers: [
        .conv2d(
          name: "conv1", inChannels: inputShape[0], outChannels: 6, kernelSize: 5, stride: 1, padding: 2, bias: true),
        .activation(name: "relu1", function: .relu),
        .maxPool(name: "pool1", kernelSize: 2, stride: 2, padding: 0),
        .conv2d(name: "conv2", inChannels: 6, outChannels: 16, kernelSize: 5, stride: 1, padding: 0, bias: true),
        .activation(name: "relu2", function: .relu),
        .maxPool(name: "pool2", kernelSize: 2, stride: 2, padding: 0),
        .flatten(name: "flatten"),
        .linear(name: "fc1", inFeatures: 16 * h * w, outFeatures: 120, bias: true),
        .activation(name: "relu3", function: .relu),
        .linear(name: "fc2", inFeatures: 120, outFeatures: 84, bias: true),
        .activation(name: "relu4", function: .relu),
        .linear(name: "fc3", inFeatures: 84, outFeatures: classes, bias: true),
      ])
  }

  /// A VGG-style stack from a configuration: numbers are 3x3 convolutions (with BN and ReLU), 0 is a 2x2 max pool.
  ///
  /// Layers are `conv1, bn1, relu1, ...` and `pool1, ...`. A pool that would
  /// shrink the map below 1x1 is left out (VGG16's fifth pool on 28x28 input).
  static func vggFeatures(_ config: [Int], width: Double, inputShape: [Int]) throws -> (
    layers: [LayerSpec], shape: [Int]
  ) {
    guard inputShape.count == 3, width > 0 else {
      throw ModelError(.invalidArchitecture, "vgg needs an input [C, H, W] and a positive width")
    }
    var layers = [LayerSpec]()
    var (c, h, w) = (inputShape[0], inputShape[1], inputShape[2])
    var convs = 0
    var pools = 0
    for v in config {
      if v == 0 {
        guard h >= 2, w >= 2 else { continue }
        pools += 1
        layers.append(.maxPool(name: "pool\(pools)", kernelSize: 2, stride: 2, padding: 0))
        h /= 2
        w /= 2
      } else {
        convs += 1
        let out = scaled(v, width)
        layers += [
          .conv2d(
            name: "conv\(convs)", inChannels: c, outChannels: out, kernelSize: 3, stride: 1, padding: 1, bias: true),
          .batchNorm(name: "bn\(convs)", channels: out, epsilon: 1e-5, momentum: 0.1),
          .activation(name: "relu\(convs)", function: .relu),
        ]
        c = out
      }
    }
    return (layers, [c, h, w])
  }

  /// VGG-small: conv 128-128-M-256-256-M-512-512-M scaled by `width` (0.25 = the peer), BN, ReLU, flatten, linear.
  ///
  /// On 28x28 input the map is 3x3 after the three pools.
  public static func vggSmall(width: Double = 1, classes: Int = 10, inputShape: [Int] = [1, 28, 28]) throws
    -> Architecture
  {
    let (features, shape) = try vggFeatures(
      [128, 128, 0, 256, 256, 0, 512, 512, 0], width: width, inputShape: inputShape)
    return Architecture(
      name: "vgg_small", inputShape: inputShape,
      layers: features + [
        .flatten(name: "flatten"),
        .linear(name: "fc", inFeatures: shape.reduce(1, *), outFeatures: classes, bias: true),
      ])
  }

  /// VGG16 for CIFAR-size input: 13 3x3 convolutions with BN and ReLU, then
  /// linear 512w-512w, BN, ReLU, linear to classes (the HRank / class-aware-pruning classifier).
  ///
  /// The features are average-pooled to 1x1 before the classifier so any input size from 16x16 works.
  public static func vgg16(width: Double = 1, classes: Int = 10, inputShape: [Int] = [3, 32, 32]) throws -> Architecture
  {
    let config = [64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0]
    let (features, shape) = try vggFeatures(config, width: width, inputShape: inputShape)
    let c = shape[0]
    let hidden = scaled(512, width)
    return Architecture(
      name: "vgg16", inputShape: inputShape,
      layers: features + [
        .adaptiveAvgPool(name: "avgpool", outputHeight: 1, outputWidth: 1),
        .flatten(name: "flatten"),
        .linear(name: "fc1", inFeatures: c, outFeatures: hidden, bias: true),
        .batchNorm(name: "bn_fc1", channels: hidden, epsilon: 1e-5, momentum: 0.1),
        .activation(name: "relu_fc1", function: .relu),
        .linear(name: "fc2", inFeatures: hidden, outFeatures: classes, bias: true),
      ])
  }

  /// How a ResNet block's shortcut changes shape.
  public enum ResNetShortcut: String, Codable, Sendable {
    /// Option A (He et al., CIFAR): subsample and zero-pad channels, no parameters.
    case a
    /// Option B: 1x1 convolution and batch norm.
    case b
  }

  /// CIFAR-style ResNet (He et al. 2016, section 4.2): depth `6n + 2` (20, 32, 44, 56, 110).
  ///
  /// Stem conv 3x3 16w, BN, ReLU; three stages of `n` basic blocks with 16w,
  /// 32w, 64w channels (stride 2 at the start of stages 2 and 3); global
  /// average pool; linear to classes. Blocks are `stageS.blockB` with
  /// `conv1, bn1, relu1, conv2, bn2` and ReLU after the sum.
  public static func resnet(
    depth: Int, width: Double = 1, classes: Int = 10, inputShape: [Int] = [3, 32, 32], shortcut: ResNetShortcut = .a
  ) throws -> Architecture {
    guard depth >= 8, (depth - 2) % 6 == 0 else {
      throw ModelError(.invalidArchitecture, "resnet depth must be 6n + 2 (20, 32, 44, 56, 110), got \(depth)")
    }
    guard inputShape.count == 3, width > 0 else {
      throw ModelError(.invalidArchitecture, "resnet needs an input [C, H, W] and a positive width")
    }
    let n = (depth - 2) / 6
    let widths = [16, 32, 64].map { scaled($0, width) }
    var layers: [LayerSpec] = [
      .conv2d(
        name: "conv1", inChannels: inputShape[0], outChannels: widths[0], kernelSize: 3, stride: 1, padding: 1,
        bias: false),
      .batchNorm(name: "bn1", channels: widths[0], epsilon: 1e-5, momentum: 0.1),
      .activation(name: "relu1", function: .relu),
    ]
    var c = widths[0]
    for (s, planes) in widths.enumerated() {
      var blocks = [LayerSpec]()
      for b in 0..<n {
        let stride = (s > 0 && b == 0) ? 2 : 1
        let body: [LayerSpec] = [
          .conv2d(
            name: "conv1", inChannels: c, outChannels: planes, kernelSize: 3, stride: stride, padding: 1, bias: false),
          .batchNorm(name: "bn1", channels: planes, epsilon: 1e-5, momentum: 0.1),
          .activation(name: "relu1", function: .relu),
          .conv2d(
            name: "conv2", inChannels: planes, outChannels: planes, kernelSize: 3, stride: 1, padding: 1, bias: false),
          .batchNorm(name: "bn2", channels: planes, epsilon: 1e-5, momentum: 0.1),
        ]
        var side = ShortcutSpec.identity
        if stride != 1 || c != planes {
          switch shortcut {
          case .a:
            let extra = planes - c
            side = .padded(stride: stride, before: extra / 2, after: extra - extra / 2)
          case .b:
            side = .projection(layers: [
              .conv2d(
                name: "conv", inChannels: c, outChannels: planes, kernelSize: 1, stride: stride, padding: 0, bias: false
              ),
              .batchNorm(name: "bn", channels: planes, epsilon: 1e-5, momentum: 0.1),
            ])
          }
        }
        blocks.append(.residual(name: "block\(b + 1)", body: body, shortcut: side, activation: .relu))
        c = planes
      }
      layers.append(.sequential(name: "stage\(s + 1)", layers: blocks))
    }
    layers += [
      .adaptiveAvgPool(name: "avgpool", outputHeight: 1, outputWidth: 1),
      .flatten(name: "flatten"),
      .linear(name: "fc", inFeatures: c, outFeatures: classes, bias: true),
    ]
    return Architecture(name: "resnet\(depth)", inputShape: inputShape, layers: layers)
  }
}

extension Model {
  /// A multilayer perceptron (see `Architecture.mlp`).
  public static func mlp(sizes: [Int], inputShape: [Int]? = nil, seed: UInt64 = 0) throws -> Model {
    try Model(architecture: .mlp(sizes: sizes, inputShape: inputShape), seed: seed)
  }

  /// LeNet-5 (see `Architecture.lenet5`).
  public static func lenet5(classes: Int = 10, inputShape: [Int] = [1, 28, 28], seed: UInt64 = 0) throws -> Model {
    try Model(architecture: .lenet5(classes: classes, inputShape: inputShape), seed: seed)
  }

  /// VGG-small (see `Architecture.vggSmall`).
  public static func vggSmall(width: Double = 1, classes: Int = 10, inputShape: [Int] = [1, 28, 28], seed: UInt64 = 0)
    throws -> Model
  {
    try Model(architecture: .vggSmall(width: width, classes: classes, inputShape: inputShape), seed: seed)
  }

  /// VGG16 (see `Architecture.vgg16`).
  public static func vgg16(width: Double = 1, classes: Int = 10, inputShape: [Int] = [3, 32, 32], seed: UInt64 = 0)
    throws -> Model
  {
    try Model(architecture: .vgg16(width: width, classes: classes, inputShape: inputShape), seed: seed)
  }

  /// A CIFAR-style ResNet (see `Architecture.resnet`).
  public static func resnet(
    depth: Int, width: Double = 1, classes: Int = 10, inputShape: [Int] = [3, 32, 32],
    shortcut: Architecture.ResNetShortcut = .a, seed: UInt64 = 0
  ) throws -> Model {
    try Model(
      architecture: .resnet(depth: depth, width: width, classes: classes, inputShape: inputShape, shortcut: shortcut),
      seed: seed)
  }
}
