extension Tensor {
  /// Checks a pooling window against an NCHW shape and returns its geometry.
  static func poolingGeometry(input: [Int], kernel: (Int, Int), stride: (Int, Int), padding: (Int, Int)) throws
    -> ConvolutionGeometry
  {
    guard input.count == 4 else { throw TensorError.shapeMismatch("pooling input must be NCHW, got \(input)") }
    let g = ConvolutionGeometry(
      channels: input[1], height: input[2], width: input[3], kernelHeight: kernel.0, kernelWidth: kernel.1,
      strideHeight: stride.0, strideWidth: stride.1, paddingHeight: padding.0, paddingWidth: padding.1)
    guard g.isValid, padding.0 * 2 <= kernel.0, padding.1 * 2 <= kernel.1 else {
      throw TensorError.invalidArgument(
        "pooling window \(kernel) stride \(stride) padding \(padding) does not fit input \(input)")
    }
    return g
  }

  /// Max pooling over NCHW windows, with the position (within its input plane) of each maximum.
  public static func maxPool2d(
    _ input: Tensor, kernel: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)
  ) throws -> (output: Tensor, indices: [Int32]) {
    let g = try poolingGeometry(input: input.shape, kernel: kernel, stride: stride ?? kernel, padding: padding)
    return maxPool2d(input, geometry: g)
  }

  static func maxPool2d(_ input: Tensor, geometry g: ConvolutionGeometry) -> (output: Tensor, indices: [Int32]) {
    let planes = input.shape[0] * input.shape[1]
    let (oh, ow) = (g.outputHeight, g.outputWidth)
    let (h, w) = (g.height, g.width)
    var indices = [Int32](repeating: 0, count: planes * oh * ow)
    let output = Tensor(shape: [input.shape[0], input.shape[1], oh, ow]) { out, _ in
      input.withPointer { x in
        indices.withUnsafeMutableBufferPointer { idxBuffer in
          guard let idx = idxBuffer.baseAddress else { return }
          let simple =
            g.kernelHeight == 2 && g.kernelWidth == 2 && g.strideHeight == 2 && g.strideWidth == 2
            && g.paddingHeight == 0 && g.paddingWidth == 0
          Parallel.ranges(planes, minimum: Swift.max(1, Parallel.grain / Swift.max(h * w, 1))) { range in
            for p in range {
              let src = x + p * h * w
              let dst = out + p * oh * ow
              let di = idx + p * oh * ow
              if simple {
                // The 2x2 stride-2 window of every CNN here, without the general loop's bookkeeping.
                for i in 0..<oh {
                  let r0 = src + 2 * i * w
                  let r1 = r0 + w
                  for j in 0..<ow {
                    let c = 2 * j
                    var best = r0[c]
                    var at = 2 * i * w + c
                    if r0[c + 1] > best {
                      best = r0[c + 1]
                      at = 2 * i * w + c + 1
                    }
                    if r1[c] > best {
                      best = r1[c]
                      at = (2 * i + 1) * w + c
                    }
                    if r1[c + 1] > best {
                      best = r1[c + 1]
                      at = (2 * i + 1) * w + c + 1
                    }
                    dst[i * ow + j] = best
                    di[i * ow + j] = Int32(at)
                  }
                }
                continue
              }
              for i in 0..<oh {
                for j in 0..<ow {
                  var best = -Float.infinity
                  var at = -1
                  for a in 0..<g.kernelHeight {
                    let y = i * g.strideHeight - g.paddingHeight + a
                    if y < 0 || y >= h { continue }
                    for b in 0..<g.kernelWidth {
                      let xx = j * g.strideWidth - g.paddingWidth + b
                      if xx < 0 || xx >= w { continue }
                      let v = src[y * w + xx]
                      if v > best || at < 0 || v.isNaN {
                        best = v
                        at = y * w + xx
                      }
                    }
                  }
                  dst[i * ow + j] = best
                  di[i * ow + j] = Int32(Swift.max(at, 0))
                }
              }
            }
          }
        }
      }
    }
    return (output, indices)
  }

  /// Max pooling without the positions of the maxima, for passes that record no gradient: the
  /// output of `maxPool2d(_:geometry:)` bit for bit (the same comparisons in the same order, NaN
  /// and signed zeros included), with the 2×2 stride-2 window eight outputs at a time.
  static func maxPool2dValues(_ input: Tensor, geometry g: ConvolutionGeometry) -> Tensor {
    let simple =
      g.kernelHeight == 2 && g.kernelWidth == 2 && g.strideHeight == 2 && g.strideWidth == 2
      && g.paddingHeight == 0 && g.paddingWidth == 0
    guard simple else { return maxPool2d(input, geometry: g).output }
    let planes = input.shape[0] * input.shape[1]
    let (oh, ow) = (g.outputHeight, g.outputWidth)
    let (h, w) = (g.height, g.width)
    return Tensor(shape: [input.shape[0], input.shape[1], oh, ow]) { out, _ in
      input.withPointer { x in
        Parallel.ranges(planes, minimum: Swift.max(1, Parallel.grain / Swift.max(h * w, 1))) { range in
          for p in range {
            let src = UnsafeRawPointer(x + p * h * w)
            let dst = out + p * oh * ow
            for i in 0..<oh {
              let r0 = 2 * i * w
              let r1 = r0 + w
              var j = 0
              // Eight windows: 16 values of each of the two rows, split into even and odd columns.
              while j + 8 <= ow {
                let top = src.loadUnaligned(fromByteOffset: (r0 + 2 * j) * 4, as: SIMD16<Float>.self)
                let bottom = src.loadUnaligned(fromByteOffset: (r1 + 2 * j) * 4, as: SIMD16<Float>.self)
                var best = top.evenHalf
                let (b, c, d) = (top.oddHalf, bottom.evenHalf, bottom.oddHalf)
                best.replace(with: b, where: b .> best)
                best.replace(with: c, where: c .> best)
                best.replace(with: d, where: d .> best)
                UnsafeMutableRawPointer(dst + i * ow + j).storeBytes(of: best, as: SIMD8<Float>.self)
                j += 8
              }
              let row0 = x + p * h * w + r0
              let row1 = x + p * h * w + r1
              while j < ow {
                let c = 2 * j
                var best = row0[c]
                if row0[c + 1] > best { best = row0[c + 1] }
                if row1[c] > best { best = row1[c] }
                if row1[c + 1] > best { best = row1[c + 1] }
                dst[i * ow + j] = best
                j += 1
              }
            }
          }
        }
      }
    }
  }

  /// The adjoint of max pooling: each output gradient goes to the input position of its maximum.
  static func maxPool2dBackward(_ dy: Tensor, indices: [Int32], inputShape: [Int]) -> Tensor {
    // Each plane is cleared just before its scatter, by the worker that owns it.
    var dx = Tensor(shape: inputShape) { _, _ in }
    let planes = inputShape[0] * inputShape[1]
    let plane = inputShape[2] * inputShape[3]
    let outPlane = dy.count / Swift.max(planes, 1)
    dy.withPointer { g in
      dx.withMutablePointer { d in
        indices.withUnsafeBufferPointer { idx in
          Parallel.ranges(planes, minimum: Swift.max(1, Parallel.grain / Swift.max(plane, 1))) { range in
            for p in range {
              let dp = d + p * plane
              let gp = g + p * outPlane
              let ip = p * outPlane
              dp.update(repeating: 0, count: plane)
              for t in 0..<outPlane { dp[Int(idx[ip + t])] += gp[t] }
            }
          }
        }
      }
    }
    return dx
  }

  /// Average pooling over NCHW windows; padded zeros count in the average (PyTorch's default).
  public static func avgPool2d(
    _ input: Tensor, kernel: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)
  ) throws -> Tensor {
    let g = try poolingGeometry(input: input.shape, kernel: kernel, stride: stride ?? kernel, padding: padding)
    return avgPool2d(input, geometry: g)
  }

  static func avgPool2d(_ input: Tensor, geometry g: ConvolutionGeometry) -> Tensor {
    let planes = input.shape[0] * input.shape[1]
    let (oh, ow, h, w) = (g.outputHeight, g.outputWidth, g.height, g.width)
    let scale = 1 / Float(g.kernelHeight * g.kernelWidth)
    return Tensor(shape: [input.shape[0], input.shape[1], oh, ow]) { out, _ in
      input.withPointer { x in
        for p in 0..<planes {
          let src = x + p * h * w
          let dst = out + p * oh * ow
          for i in 0..<oh {
            for j in 0..<ow {
              var total: Float = 0
              for a in 0..<g.kernelHeight {
                let y = i * g.strideHeight - g.paddingHeight + a
                if y < 0 || y >= h { continue }
                for b in 0..<g.kernelWidth {
                  let xx = j * g.strideWidth - g.paddingWidth + b
                  if xx >= 0 && xx < w { total += src[y * w + xx] }
                }
              }
              dst[i * ow + j] = total * scale
            }
          }
        }
      }
    }
  }

  /// The adjoint of average pooling.
  static func avgPool2dBackward(_ dy: Tensor, geometry g: ConvolutionGeometry, inputShape: [Int]) -> Tensor {
    var dx = Tensor(zeros: inputShape)
    let planes = inputShape[0] * inputShape[1]
    let (oh, ow, h, w) = (g.outputHeight, g.outputWidth, g.height, g.width)
    let scale = 1 / Float(g.kernelHeight * g.kernelWidth)
    dy.withPointer { gy in
      dx.withMutablePointer { d in
        for p in 0..<planes {
          let src = gy + p * oh * ow
          let dst = d + p * h * w
          for i in 0..<oh {
            for j in 0..<ow {
              let v = src[i * ow + j] * scale
              for a in 0..<g.kernelHeight {
                let y = i * g.strideHeight - g.paddingHeight + a
                if y < 0 || y >= h { continue }
                for b in 0..<g.kernelWidth {
                  let xx = j * g.strideWidth - g.paddingWidth + b
                  if xx >= 0 && xx < w { dst[y * w + xx] += v }
                }
              }
            }
          }
        }
      }
    }
    return dx
  }

  /// The bins of adaptive pooling along one axis: `floor(i * n / out) ..< ceil((i + 1) * n / out)`, as PyTorch.
  static func adaptiveBins(_ n: Int, _ out: Int) -> [Range<Int>] {
    (0..<out).map { i in (i * n / out)..<(((i + 1) * n + out - 1) / out) }
  }

  /// Adaptive average pooling of NCHW input to an `outputSize` grid (`(1, 1)` is global average pooling).
  public static func adaptiveAvgPool2d(_ input: Tensor, outputSize: (Int, Int)) throws -> Tensor {
    guard input.rank == 4 else { throw TensorError.shapeMismatch("pooling input must be NCHW, got \(input.shape)") }
    guard outputSize.0 > 0, outputSize.1 > 0, outputSize.0 <= input.shape[2], outputSize.1 <= input.shape[3] else {
      throw TensorError.invalidArgument("adaptive pooling to \(outputSize) of input \(input.shape)")
    }
    let (h, w) = (input.shape[2], input.shape[3])
    let rows = adaptiveBins(h, outputSize.0)
    let cols = adaptiveBins(w, outputSize.1)
    let planes = input.shape[0] * input.shape[1]
    let (oh, ow) = outputSize
    return Tensor(shape: [input.shape[0], input.shape[1], oh, ow]) { out, _ in
      input.withPointer { x in
        Parallel.ranges(planes, minimum: Swift.max(1, Parallel.grain / Swift.max(h * w, 1))) { range in
          for p in range {
            let src = x + p * h * w
            let dst = out + p * oh * ow
            if oh == 1 && ow == 1 {
              dst[0] = Float(vectorSum(src, count: h * w) / Double(h * w))
              continue
            }
            for (i, r) in rows.enumerated() {
              for (j, c) in cols.enumerated() {
                var total: Float = 0
                for y in r { for xx in c { total += src[y * w + xx] } }
                dst[i * ow + j] = total / Float(r.count * c.count)
              }
            }
          }
        }
      }
    }
  }

  /// The adjoint of adaptive average pooling.
  static func adaptiveAvgPool2dBackward(_ dy: Tensor, inputShape: [Int]) -> Tensor {
    var dx = Tensor(zeros: inputShape)
    let (h, w) = (inputShape[2], inputShape[3])
    let (oh, ow) = (dy.shape[2], dy.shape[3])
    let rows = adaptiveBins(h, oh)
    let cols = adaptiveBins(w, ow)
    let planes = inputShape[0] * inputShape[1]
    dy.withPointer { g in
      dx.withMutablePointer { d in
        Parallel.ranges(planes, minimum: Swift.max(1, Parallel.grain / Swift.max(h * w, 1))) { range in
          for p in range {
            let src = g + p * oh * ow
            let dst = d + p * h * w
            for (i, r) in rows.enumerated() {
              for (j, c) in cols.enumerated() {
                let v = src[i * ow + j] / Float(r.count * c.count)
                for y in r { for xx in c { dst[y * w + xx] += v } }
              }
            }
          }
        }
      }
    }
    return dx
  }
}
