import Tensor

/// A 2-D convolution with a square kernel: weight `[out, in, k, k]`, optional bias `[out]`.
public final class Conv2d: Layer {
  /// The layer's name.
  public let name: String
  /// The full dotted name in the model.
  public var path: String
  /// Input channels (changes with surgery).
  public private(set) var inChannels: Int
  /// Output channels, one per filter (changes with surgery).
  public private(set) var outChannels: Int
  /// The kernel's height and width.
  public let kernelSize: Int
  /// The step between windows.
  public let stride: Int
  /// Zero rows and columns around the input.
  public let padding: Int
  /// The filters, `[out, in, k, k]`.
  public let weight: Parameter
  /// The per-filter bias, if any.
  public let bias: Parameter?

  /// Creates a convolution with zero weights (the model initialises them).
  public init(
    name: String, inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
    bias: Bool = true
  ) {
    self.name = name
    self.path = name
    self.inChannels = inChannels
    self.outChannels = outChannels
    self.kernelSize = kernelSize
    self.stride = stride
    self.padding = padding
    self.weight = Parameter(Tensor(zeros: [outChannels, inChannels, kernelSize, kernelSize]))
    self.bias = bias ? Parameter(Tensor(zeros: [outChannels])) : nil
  }

  /// "Conv2d".
  public var typeName: String { "Conv2d" }

  /// The description with the current channel counts.
  public var spec: LayerSpec {
    .conv2d(
      name: name, inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize, stride: stride,
      padding: padding, bias: bias != nil)
  }

  /// `weight` and, if present, `bias`.
  public var ownParameters: [(name: String, parameter: Parameter)] {
    [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
  }

  /// `[out, h', w']` for an input `[in, h, w]`.
  public func outputShape(for input: [Int]) throws -> [Int] {
    guard input.count == 3, input[0] == inChannels else {
      throw ModelError(.shapeMismatch, "layer '\(path)' expects [\(inChannels), H, W], got \(input)")
    }
    let h = (input[1] + 2 * padding - kernelSize) / stride + 1
    let w = (input[2] + 2 * padding - kernelSize) / stride + 1
    guard input[1] + 2 * padding >= kernelSize, input[2] + 2 * padding >= kernelSize else {
      throw ModelError(.shapeMismatch, "layer '\(path)': a \(kernelSize)x\(kernelSize) kernel does not fit \(input)")
    }
    return [outChannels, h, w]
  }

  /// One multiply-accumulate per weight and output position.
  public func macs(for input: [Int]) -> Int {
    guard let out = try? outputShape(for: input) else { return 0 }
    return outChannels * inChannels * kernelSize * kernelSize * out[1] * out[2]
  }

  /// Uniform in `±1/sqrt(in * k * k)` for weights and bias.
  public func initialize(generator: inout SeededGenerator) {
    let fanIn = inChannels * kernelSize * kernelSize
    weight.value = defaultInitialization(weight.shape, fanIn: fanIn, generator: &generator)
    bias?.value = defaultInitialization([outChannels], fanIn: fanIn, generator: &generator)
  }

  /// The convolution of a batch `[N, in, H, W]`.
  public func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
    try Variable.conv2d(
      x, weight: context.variable(for: weight), bias: bias.map { context.variable(for: $0) },
      stride: (stride, stride), padding: (padding, padding))
  }

  /// The convolution of a batch followed by `affine` on each output plane as it is written (a
  /// batch norm in evaluation and the ReLU after it), and with `planeMeans` each output plane's
  /// mean: for passes without a tape only, since nothing is recorded for gradients.
  func forward(_ x: Variable, then affine: ChannelAffine, planeMeans: Bool) throws -> (output: Variable, means: Tensor?) {
    let (y, means) = try Tensor.conv2d(
      x.value, weight: weight.value, bias: bias?.value, stride: (stride, stride), padding: (padding, padding),
      then: affine, planeMeans: planeMeans)
    return (Variable(y), means)
  }

  /// Keeps only the filters `keep` (surgery on the output side).
  func keepOutputChannels(_ keep: [Int]) throws {
    weight.value = try weight.value.indexSelect(alongAxis: 0, indices: keep)
    if let bias { bias.value = try bias.value.indexSelect(alongAxis: 0, indices: keep) }
    weight.gradient = nil
    bias?.gradient = nil
    outChannels = keep.count
  }

  /// Keeps only the input channels `keep` (surgery after the producer lost channels).
  func keepInputChannels(_ keep: [Int]) throws {
    weight.value = try weight.value.indexSelect(alongAxis: 1, indices: keep)
    weight.gradient = nil
    inChannels = keep.count
  }
}
