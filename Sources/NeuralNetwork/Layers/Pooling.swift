import Tensor

/// Max or average pooling with a square window.
public final class Pool2d: Layer {
  /// Which statistic of the window.
  public enum Mode: Sendable {
    /// The largest value.
    case max
    /// The mean (padded zeros count).
    case average
  }

  /// The layer's name.
  public let name: String
  /// The full dotted name in the model.
  public var path: String
  /// Max or average.
  public let mode: Mode
  /// The window's height and width.
  public let kernelSize: Int
  /// The step between windows.
  public let stride: Int
  /// Rows and columns of padding.
  public let padding: Int

  /// Creates a pooling layer.
  public init(name: String, mode: Mode, kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
    self.name = name
    self.path = name
    self.mode = mode
    self.kernelSize = kernelSize
    self.stride = stride ?? kernelSize
    self.padding = padding
  }

  /// "MaxPool" or "AvgPool".
  public var typeName: String { mode == .max ? "MaxPool" : "AvgPool" }

  /// The description.
  public var spec: LayerSpec {
    mode == .max
      ? .maxPool(name: name, kernelSize: kernelSize, stride: stride, padding: padding)
      : .avgPool(name: name, kernelSize: kernelSize, stride: stride, padding: padding)
  }

  /// `[C, h', w']` for `[C, h, w]`.
  public func outputShape(for input: [Int]) throws -> [Int] {
    guard input.count == 3, input[1] + 2 * padding >= kernelSize, input[2] + 2 * padding >= kernelSize,
      2 * padding <= kernelSize
    else {
      throw ModelError(.shapeMismatch, "layer '\(path)': a \(kernelSize)x\(kernelSize) window does not fit \(input)")
    }
    return [
      input[0], (input[1] + 2 * padding - kernelSize) / stride + 1, (input[2] + 2 * padding - kernelSize) / stride + 1,
    ]
  }

  /// Pools a batch.
  public func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
    let k = (kernelSize, kernelSize)
    switch mode {
    case .max: return try x.maxPool2d(kernel: k, stride: (stride, stride), padding: (padding, padding))
    case .average: return try x.avgPool2d(kernel: k, stride: (stride, stride), padding: (padding, padding))
    }
  }
}

/// Adaptive average pooling to a fixed grid (global average pooling for 1x1).
public final class AdaptiveAvgPool2d: Layer {
  /// The layer's name.
  public let name: String
  /// The full dotted name in the model.
  public var path: String
  /// The output grid's height.
  public let outputHeight: Int
  /// The output grid's width.
  public let outputWidth: Int

  /// Creates the layer.
  public init(name: String, outputHeight: Int = 1, outputWidth: Int = 1) {
    self.name = name
    self.path = name
    self.outputHeight = outputHeight
    self.outputWidth = outputWidth
  }

  /// "AdaptiveAvgPool".
  public var typeName: String { "AdaptiveAvgPool" }

  /// The description.
  public var spec: LayerSpec { .adaptiveAvgPool(name: name, outputHeight: outputHeight, outputWidth: outputWidth) }

  /// `[C, oh, ow]` for `[C, h, w]` with `h >= oh`, `w >= ow`.
  public func outputShape(for input: [Int]) throws -> [Int] {
    guard input.count == 3, input[1] >= outputHeight, input[2] >= outputWidth else {
      throw ModelError(.shapeMismatch, "layer '\(path)' cannot pool \(input) to \(outputHeight)x\(outputWidth)")
    }
    return [input[0], outputHeight, outputWidth]
  }

  /// Pools a batch.
  public func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
    try x.adaptiveAvgPool2d(outputSize: (outputHeight, outputWidth))
  }
}
