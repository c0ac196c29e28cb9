/// Direct convolution for stride-1 layers with few input values per output (the first layer
/// of a network: one or three channels, 3x3 or 5x5 windows).
///
/// With a patch of 9 to 32 values, im2col copies each input value up to 25
/// times to feed a GEMM with an inner dimension of 9 to 32, which BLAS runs far
/// from its peak. Here each output row is accumulated in vector registers
/// straight from the padded input rows: 32 outputs per pass, one multiply-add
/// per window value. (The filter gradient as a sum of row products is kept
/// for tests and measurement; im2col + GEMM is faster for it.) Images are
/// spread over the workers.
enum DirectConvolution {
  /// Whether the filter gradient is computed directly too (else through im2col + GEMM).
  ///
  /// Off: the row products load two vectors per multiply-add, and measured
  /// slower than im2col + GEMM for LeNet's first layer (5.0 against 4.6 ms per batch).
  nonisolated(unsafe) static var directFilterGradient = false

  /// The widest patch (input channels times window area) handled directly.
  static let maximumPatch = 32

  /// Whether the geometry is a stride-1 convolution with a small patch.
  static func applies(to g: ConvolutionGeometry) -> Bool {
    g.strideHeight == 1 && g.strideWidth == 1 && g.patchSize <= maximumPatch && g.outputWidth >= 4
  }

  /// Output columns per pass: four 8-float vectors.
  static let block = 32

  /// The padded plane: the image at (pad, pad), zeros around, wide enough for whole blocks.
  struct Layout {
    let rows: Int, columns: Int
    let blocks: Int

    init(_ g: ConvolutionGeometry) {
      blocks = (g.outputWidth + DirectConvolution.block - 1) / DirectConvolution.block
      rows = g.height + 2 * g.paddingHeight
      columns = blocks * DirectConvolution.block + g.kernelWidth - 1 + 8
    }

    var plane: Int { rows * columns }
  }

  /// Pads the `channels` planes of one image into `out` (`layout.rows x layout.columns` each).
  @inline(__always)
  static func pad(
    _ x: UnsafePointer<Float>, _ g: ConvolutionGeometry, _ l: Layout, into out: UnsafeMutablePointer<Float>
  ) {
    out.update(repeating: 0, count: g.channels * l.plane)
    for c in 0..<g.channels {
      let src = x + c * g.height * g.width
      let dst = out + c * l.plane + g.paddingHeight * l.columns + g.paddingWidth
      for y in 0..<g.height { copyRun(src + y * g.width, dst + y * l.columns, g.width) }
    }
  }

  /// `y = conv(x, w) + bias` for a batch; x `[N, C, H, W]`, w `[O, C, KH, KW]`, y `[N, O, OH, OW]`;
  /// then `epilogue` on each output plane once its image is done.
  static func forward(
    x: UnsafePointer<Float>, batch: Int, _ g: ConvolutionGeometry, weight: UnsafePointer<Float>, outChannels o: Int,
    bias: UnsafePointer<Float>?, y: UnsafeMutablePointer<Float>, epilogue: PlaneEpilogue? = nil
  ) {
    let l = Layout(g)
    let (oh, ow) = (g.outputHeight, g.outputWidth)
    let inPlane = g.channels * g.height * g.width
    let taps = g.patchSize
    Parallel.ranges(batch, minimum: 2) { images in
      let padded = UnsafeMutablePointer<Float>.allocate(capacity: g.channels * l.plane)
      // The window's offsets into the padded planes, in weight order (c, kh, kw).
      let offsets = UnsafeMutablePointer<Int>.allocate(capacity: taps)
      defer {
        padded.deallocate()
        offsets.deallocate()
      }
      for c in 0..<g.channels {
        for i in 0..<g.kernelHeight {
          for j in 0..<g.kernelWidth {
            offsets[(c * g.kernelHeight + i) * g.kernelWidth + j] = c * l.plane + i * l.columns + j
          }
        }
      }
      let raw = UnsafeRawPointer(padded)
      for n in images {
        pad(x + n * inPlane, g, l, into: padded)
        // Two output channels per pass share every input load.
        var f = 0
        while f < o {
          let pair = f + 1 < o
          let w0 = weight + f * taps
          let w1 = pair ? w0 + taps : w0
          let start0 = SIMD8<Float>(repeating: bias?[f] ?? 0)
          let start1 = SIMD8<Float>(repeating: pair ? bias?[f + 1] ?? 0 : 0)
          for r in 0..<oh {
            for b in 0..<l.blocks {
              var (a0, a1, a2, a3) = (start0, start0, start0, start0)
              var (b0, b1, b2, b3) = (start1, start1, start1, start1)
              let base = (r * l.columns + b * block) * 4
              for t in 0..<taps {
                let v = SIMD8<Float>(repeating: w0[t])
                let u = SIMD8<Float>(repeating: w1[t])
                let at = base + offsets[t] * 4
                let x0 = raw.loadUnaligned(fromByteOffset: at, as: SIMD8<Float>.self)
                let x1 = raw.loadUnaligned(fromByteOffset: at + 32, as: SIMD8<Float>.self)
                let x2 = raw.loadUnaligned(fromByteOffset: at + 64, as: SIMD8<Float>.self)
                let x3 = raw.loadUnaligned(fromByteOffset: at + 96, as: SIMD8<Float>.self)
                a0 += v * x0
                a1 += v * x1
                a2 += v * x2
                a3 += v * x3
                b0 += u * x0
                b1 += u * x1
                b2 += u * x2
                b3 += u * x3
              }
              let count = Swift.min(block, ow - b * block)
              store(a0, a1, a2, a3, into: y + ((n * o + f) * oh + r) * ow + b * block, count: count)
              if pair {
                store(b0, b1, b2, b3, into: y + ((n * o + f + 1) * oh + r) * ow + b * block, count: count)
              }
            }
          }
          f += pair ? 2 : 1
        }
        epilogue?.finish(y + n * o * oh * ow, into: y + n * o * oh * ow, planes: o, channels: o, count: oh * ow, index: n * o)
      }
    }
  }

  /// Writes the first `count` of 32 accumulated outputs: whole vectors, then the lanes of a last
  /// partial one (four at a time where they fit). Going through a 32-value buffer and a copy
  /// instead spent a quarter of VGG-small's first layer (rows of 28) in `memmove`.
  @inline(__always)
  static func store(
    _ a0: SIMD8<Float>, _ a1: SIMD8<Float>, _ a2: SIMD8<Float>, _ a3: SIMD8<Float>,
    into dst: UnsafeMutablePointer<Float>, count: Int
  ) {
    put(a0, dst, Swift.min(count, 8))
    if count > 8 { put(a1, dst + 8, Swift.min(count - 8, 8)) }
    if count > 16 { put(a2, dst + 16, Swift.min(count - 16, 8)) }
    if count > 24 { put(a3, dst + 24, Swift.min(count - 24, 8)) }
  }

  /// The first `n` lanes of `v` (1 to 8) into `dst`.
  @inline(__always)
  static func put(_ v: SIMD8<Float>, _ dst: UnsafeMutablePointer<Float>, _ n: Int) {
    let out = UnsafeMutableRawPointer(dst)
    if n == 8 {
      out.storeBytes(of: v, as: SIMD8<Float>.self)
      return
    }
    var i = 0
    if n >= 4 {
      out.storeBytes(of: v.lowHalf, as: SIMD4<Float>.self)
      i = 4
    }
    while i < n {
      dst[i] = v[i]
      i += 1
    }
  }

  /// The filter gradient `dw [O, C, KH, KW]` (overwritten) from inputs `x` and output gradients `dy`.
  static func filterGradient(
    x: UnsafePointer<Float>, batch: Int, _ g: ConvolutionGeometry, outChannels o: Int, dy: UnsafePointer<Float>,
    dw: UnsafeMutablePointer<Float>
  ) {
    let l = Layout(g)
    let (oh, ow) = (g.outputHeight, g.outputWidth)
    let inPlane = g.channels * g.height * g.width
    let taps = g.patchSize
    let width = l.blocks * block
    let workers = Swift.max(1, Swift.min(Parallel.workerCount, batch / 2))
    let sums = UnsafeMutablePointer<Double>.allocate(capacity: workers * o * taps)
    sums.update(repeating: 0, count: workers * o * taps)
    defer { sums.deallocate() }
    Parallel.run(workers) { worker in
      let images = (worker * batch / workers)..<((worker + 1) * batch / workers)
      let padded = UnsafeMutablePointer<Float>.allocate(capacity: g.channels * l.plane)
      // The output gradients of one image, rows widened to whole blocks with zeros.
      let gradient = UnsafeMutablePointer<Float>.allocate(capacity: o * oh * width)
      defer {
        padded.deallocate()
        gradient.deallocate()
      }
      let raw = UnsafeRawPointer(padded)
      let rawGradient = UnsafeRawPointer(gradient)
      let total = sums + worker * o * taps
      for n in images {
        pad(x + n * inPlane, g, l, into: padded)
        gradient.update(repeating: 0, count: o * oh * width)
        for p in 0..<(o * oh) { copyRun(dy + (n * o * oh + p) * ow, gradient + p * width, ow) }
        for f in 0..<o {
          for c in 0..<g.channels {
            for i in 0..<g.kernelHeight {
              for j in 0..<g.kernelWidth {
                var acc = SIMD8<Float>(repeating: 0)
                for r in 0..<oh {
                  let source = (c * l.plane + (r + i) * l.columns + j) * 4
                  let target = ((f * oh + r) * width) * 4
                  for v in 0..<(width / 8) {
                    acc +=
                      rawGradient.loadUnaligned(fromByteOffset: target + v * 32, as: SIMD8<Float>.self)
                      * raw.loadUnaligned(fromByteOffset: source + v * 32, as: SIMD8<Float>.self)
                  }
                }
                total[f * taps + (c * g.kernelHeight + i) * g.kernelWidth + j] += Double(acc.sum())
              }
            }
          }
        }
      }
    }
    for t in 0..<(o * taps) {
      var v = 0.0
      for w in 0..<workers { v += sums[w * o * taps + t] }
      dw[t] = Float(v)
    }
  }
}
