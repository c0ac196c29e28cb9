extension Tensor {
  /// Checks a convolution's operands and returns its geometry.
  static func convolutionGeometry(
    input: [Int], weight: [Int], bias: [Int]?, stride: (Int, Int), padding: (Int, Int)
  ) throws -> ConvolutionGeometry {
    guard input.count == 4 else { throw TensorError.shapeMismatch("conv2d input must be NCHW, got \(input)") }
    guard weight.count == 4 else {
      throw TensorError.shapeMismatch("conv2d weight must be [O, C, KH, KW], got \(weight)")
    }
    guard weight[1] == input[1] else {
      throw TensorError.shapeMismatch("conv2d weight \(weight) expects \(weight[1]) input channels, input is \(input)")
    }
    if let bias, bias != [weight[0]] {
      throw TensorError.shapeMismatch("conv2d bias \(bias) for \(weight[0]) output channels")
    }
    let g = ConvolutionGeometry(
      channels: input[1], height: input[2], width: input[3], kernelHeight: weight[2], kernelWidth: weight[3],
      strideHeight: stride.0, strideWidth: stride.1, paddingHeight: padding.0, paddingWidth: padding.1)
    guard g.isValid else {
      throw TensorError.invalidArgument(
        "conv2d window \(weight[2])x\(weight[3]) stride \(stride) padding \(padding) does not fit input \(input)")
    }
    return g
  }

  /// 2-D convolution (cross-correlation, as in PyTorch) of NCHW input with `[O, C, KH, KW]` weights.
  public static func conv2d(
    _ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0)
  ) throws -> Tensor {
    let g = try convolutionGeometry(
      input: input.shape, weight: weight.shape, bias: bias?.shape, stride: stride, padding: padding)
    return conv2d(input, weight: weight, bias: bias, geometry: g)
  }

  /// `conv2d`, then `affine` on each output plane while the convolution still has it in cache (a
  /// batch norm with fixed statistics and the ReLU after it, without a second pass over the
  /// output), and with `planeMeans` each output plane's mean, `[N, O, 1, 1]`. The output is bit
  /// for bit `conv2d(...)` followed by `channelAffine`, the means those of
  /// `adaptiveAvgPool2d(_:outputSize: (1, 1))` of it.
  public static func conv2d(
    _ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0),
    then affine: ChannelAffine, planeMeans: Bool = false
  ) throws -> (output: Tensor, means: Tensor?) {
    let g = try convolutionGeometry(
      input: input.shape, weight: weight.shape, bias: bias?.shape, stride: stride, padding: padding)
    guard affine.channels == weight.shape[0] else {
      throw TensorError.shapeMismatch("conv2d with \(weight.shape[0]) filters followed by an affine map of \(affine.channels) channels")
    }
    var means = planeMeans ? Tensor(zeros: [input.shape[0], weight.shape[0], 1, 1]) : nil
    let output = affine.scale.withUnsafeBufferPointer { scale in
      affine.shift.withUnsafeBufferPointer { shift in
        func run(_ m: UnsafeMutablePointer<Float>?) -> Tensor {
          guard let scale = scale.baseAddress, let shift = shift.baseAddress else {
            return conv2d(input, weight: weight, bias: bias, geometry: g)
          }
          return conv2d(
            input, weight: weight, bias: bias, geometry: g,
            epilogue: PlaneEpilogue(scale: scale, shift: shift, relu: affine.relu, means: m))
        }
        return means == nil ? run(nil) : means!.withMutablePointer { run($0) }
      }
    }
    return (output, means)
  }

  static func conv2d(
    _ input: Tensor, weight: Tensor, bias: Tensor?, geometry g: ConvolutionGeometry, epilogue: PlaneEpilogue? = nil
  ) -> Tensor {
    let n = input.shape[0]
    let o = weight.shape[0]
    if EngineTuning.usesWinograd, WinogradKernels.applies(to: g, outChannels: o) {
      let u = weight.withPointer {
        WinogradKernels.transformFilters($0, outChannels: o, inChannels: g.channels, rotated: false)
      }
      return Tensor(shape: [n, o, g.outputHeight, g.outputWidth]) { y, _ in
        input.withPointer { x in
          u.withUnsafeBufferPointer { u in
            guard let u = u.baseAddress else { return }
            let convolve = { (b: UnsafePointer<Float>?) in
              WinogradKernels.convolve(
                x, batch: n, channels: g.channels, height: g.height, width: g.width, pad: g.paddingHeight, filters: u,
                outChannels: o, bias: b, into: y, epilogue: epilogue)
            }
            if let bias { bias.withPointer { convolve($0) } } else { convolve(nil) }
          }
        }
      }
    }
    let direct = EngineTuning.usesDirectConvolution && DirectConvolution.applies(to: g)
    return Tensor(shape: [n, o, g.outputHeight, g.outputWidth]) { y, _ in
      input.withPointer { x in
        weight.withPointer { w in
          let run = { (b: UnsafePointer<Float>?) in
            if direct {
              DirectConvolution.forward(x: x, batch: n, g, weight: w, outChannels: o, bias: b, y: y, epilogue: epilogue)
            } else {
              ConvolutionKernels.forward(x: x, batch: n, g, weight: w, outChannels: o, bias: b, y: y, epilogue: epilogue)
            }
          }
          if let bias { bias.withPointer { run($0) } } else { run(nil) }
        }
      }
    }
  }

  /// The gradients of `conv2d` with respect to the input, weight and bias (each only if asked for).
  static func conv2dBackward(
    _ input: Tensor, weight: Tensor, geometry g: ConvolutionGeometry, outputGradient dy: Tensor,
    input needInput: Bool, weight needWeight: Bool, bias needBias: Bool
  ) -> (input: Tensor?, weight: Tensor?, bias: Tensor?) {
    let n = input.shape[0]
    let o = weight.shape[0]
    if EngineTuning.usesWinograd, WinogradKernels.applies(to: g, outChannels: o) {
      return winogradBackward(
        input, weight: weight, geometry: g, outputGradient: dy, input: needInput, weight: needWeight, bias: needBias)
    }
    // The kernel overwrites every element of dx.
    var dx = needInput ? Tensor(shape: input.shape) { _, _ in } : nil
    let direct =
      EngineTuning.usesDirectConvolution && DirectConvolution.directFilterGradient
      && DirectConvolution.applies(to: g)
    var dw: Tensor? = nil
    if needWeight && direct {
      dw = Tensor(shape: weight.shape) { out, _ in
        input.withPointer { x in
          dy.withPointer { pdy in DirectConvolution.filterGradient(x: x, batch: n, g, outChannels: o, dy: pdy, dw: out)
          }
        }
      }
      if !needInput && !needBias { return (nil, dw, nil) }
    }
    var generalDW = needWeight && !direct ? Tensor(zeros: weight.shape) : nil
    var db = needBias ? Tensor(zeros: [o]) : nil
    input.withPointer { x in
      weight.withPointer { w in
        dy.withPointer { pdy in
          withOptionalPointer(&dx) { pdx in
            withOptionalPointer(&generalDW) { pdw in
              withOptionalPointer(&db) { pdb in
                ConvolutionKernels.backward(
                  x: x, batch: n, g, weight: w, outChannels: o, dy: pdy, dx: pdx, dw: pdw, db: pdb)
              }
            }
          }
        }
      }
    }
    return (dx, dw ?? generalDW, db)
  }
}

extension Tensor {
  /// `conv2dBackward` through Winograd: the input gradient is the convolution of the output
  /// gradient with rotated, transposed filters and padding `2 - p`; the filter gradient uses F(3x3, 2x2).
  static func winogradBackward(
    _ input: Tensor, weight: Tensor, geometry g: ConvolutionGeometry, outputGradient dy: Tensor,
    input needInput: Bool, weight needWeight: Bool, bias needBias: Bool
  ) -> (input: Tensor?, weight: Tensor?, bias: Tensor?) {
    let n = input.shape[0]
    let o = weight.shape[0]
    let c = g.channels
    var dx: Tensor? = nil
    if needInput {
      let u = weight.withPointer { WinogradKernels.transformFilters($0, outChannels: o, inChannels: c, rotated: true) }
      dx = Tensor(shape: input.shape) { out, _ in
        dy.withPointer { pdy in
          u.withUnsafeBufferPointer { u in
            guard let u = u.baseAddress else { return }
            WinogradKernels.convolve(
              pdy, batch: n, channels: o, height: g.outputHeight, width: g.outputWidth, pad: 2 - g.paddingHeight,
              filters: u, outChannels: c, bias: nil, into: out)
          }
        }
      }
    }
    var dw: Tensor? = nil
    if needWeight {
      dw = Tensor(shape: weight.shape) { out, _ in
        input.withPointer { x in
          dy.withPointer { pdy in
            WinogradKernels.filterGradient(
              x, batch: n, channels: c, height: g.height, width: g.width, pad: g.paddingHeight, outputGradient: pdy,
              outChannels: o, into: out)
          }
        }
      }
    }
    var db: Tensor? = nil
    if needBias {
      let plane = g.outputHeight * g.outputWidth
      db = Tensor(shape: [o]) { out, _ in
        out.update(repeating: 0, count: o)
        dy.withPointer { pdy in
          for b in 0..<n { for ch in 0..<o { out[ch] += Float(vectorSum(pdy + (b * o + ch) * plane, count: plane)) } }
        }
      }
    }
    return (dx, dw, db)
  }
}

/// Calls `body` with a mutable pointer into `tensor`'s elements, or nil when there is no tensor.
@inline(__always)
func withOptionalPointer<R>(_ tensor: inout Tensor?, _ body: (UnsafeMutablePointer<Float>?) -> R) -> R {
  if tensor == nil { return body(nil) }
  return tensor!.withMutablePointer { body($0) }
}

extension Tensor {
  /// `conv2d(k, k)` at stride 1 for a filter bank `k [O, C, KH, KW]` read as `O` images:
  /// every pair of filters' correlation at every shift, `[O, O, 2·ph + 1, 2·pw + 1]`
  /// (see `SelfCorrelationKernels`). The same numbers as `conv2d(k, weight: k, padding:)`, up to rounding.
  public static func selfCorrelation(_ k: Tensor, padding: (Int, Int)) throws -> Tensor {
    guard k.rank == 4 else { throw TensorError.shapeMismatch("selfCorrelation needs filters [O, C, KH, KW], got \(k.shape)") }
    guard padding.0 >= 0, padding.1 >= 0 else {
      throw TensorError.invalidArgument("selfCorrelation padding must not be negative, got \(padding)")
    }
    let o = k.shape[0]
    return Tensor(shape: [o, o, 2 * padding.0 + 1, 2 * padding.1 + 1]) { r, _ in
      k.withPointer {
        SelfCorrelationKernels.forward(
          $0, out: o, channels: k.shape[1], kernel: (k.shape[2], k.shape[3]), padding: padding, into: r)
      }
    }
  }

  /// The gradient of `selfCorrelation(k, padding:)` with respect to `k`, given the result's gradient.
  static func selfCorrelationBackward(_ k: Tensor, padding: (Int, Int), outputGradient dr: Tensor) -> Tensor {
    Tensor(shape: k.shape) { dk, _ in
      k.withPointer { pk in
        dr.withPointer {
          SelfCorrelationKernels.backward(
            pk, out: k.shape[0], channels: k.shape[1], kernel: (k.shape[2], k.shape[3]), padding: padding,
            outputGradient: $0, into: dk)
        }
      }
    }
  }
}
