/// Convolution kernels: im2col + one GEMM per chunk of images.
///
/// Images are processed in chunks whose patch matrix stays near `chunkBytes`,
/// so it is still in cache when the GEMM reads it; each chunk is a single
/// GEMM `[O, K] x [K, chunk * positions]`. The backward pass recomputes the
/// patch matrix instead of storing it, trading a cheap copy for memory.
enum ConvolutionKernels {
  /// The target size of a chunk's patch matrix; found by measurement on the reference machine.
  nonisolated(unsafe) static var chunkBytes = 6 << 20
  /// Columns below which a GEMM is inefficient; chunks grow to reach it.
  static let minimumColumns = 2048

  static func chunkSize(_ g: ConvolutionGeometry, batch: Int) -> Int {
    let perImage = Swift.max(g.patchSize * g.positions * 4, 1)
    var images = Swift.max(1, chunkBytes / perImage)
    images = Swift.max(images, (minimumColumns + g.positions - 1) / Swift.max(g.positions, 1))
    return Swift.min(Swift.max(images, 1), Swift.max(batch, 1))
  }

  /// `y = conv(x, w) + bias`; x `[N, C, H, W]`, w `[O, C, KH, KW]`, y `[N, O, OH, OW]`.
  static func forward(
    x: UnsafePointer<Float>, batch: Int, _ g: ConvolutionGeometry, weight: UnsafePointer<Float>, outChannels o: Int,
    bias: UnsafePointer<Float>?, y: UnsafeMutablePointer<Float>
  ) {
    let k = g.patchSize
    let p = g.positions
    let inPlane = g.channels * g.height * g.width
    if g.isPointwise {
      for n in 0..<batch {
        gemm(
          transposeA: false, transposeB: false, m: o, n: p, k: k, a: weight, lda: k, b: x + n * inPlane, ldb: p,
          c: y + n * o * p, ldc: p)
        if let bias { addBias(y + n * o * p, bias, channels: o, plane: p) }
      }
      return
    }
    let chunk = chunkSize(g, batch: batch)
    let cols = UnsafeMutablePointer<Float>.allocate(capacity: k * chunk * p)
    let out = UnsafeMutablePointer<Float>.allocate(capacity: o * chunk * p)
    defer {
      cols.deallocate()
      out.deallocate()
    }
    var n0 = 0
    while n0 < batch {
      let b = Swift.min(chunk, batch - n0)
      im2col(x + n0 * inPlane, images: b, g, into: cols)
      gemm(
        transposeA: false, transposeB: false, m: o, n: b * p, k: k, a: weight, lda: k, b: cols, ldb: b * p,
        c: out, ldc: b * p)
      // out is [O, b, P]; y wants [b, O, P]: move whole planes, adding the bias on the way.
      for i in 0..<b {
        for c in 0..<o {
          let src = out + c * b * p + i * p
          let dst = y + ((n0 + i) * o + c) * p
          if let bias {
            let v = bias[c]
            for t in 0..<p { dst[t] = src[t] + v }
          } else {
            dst.update(from: src, count: p)
          }
        }
      }
      n0 += b
    }
  }

  @inline(__always)
  static func addBias(_ y: UnsafeMutablePointer<Float>, _ bias: UnsafePointer<Float>, channels: Int, plane: Int) {
    for c in 0..<channels {
      let v = bias[c]
      let row = y + c * plane
      for t in 0..<plane { row[t] += v }
    }
  }

  /// Gradients of the convolution: `dx` (added into, must start zeroed), `dw` and `db` (overwritten).
  static func backward(
    x: UnsafePointer<Float>, batch: Int, _ g: ConvolutionGeometry, weight: UnsafePointer<Float>, outChannels o: Int,
    dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>?, dw: UnsafeMutablePointer<Float>?,
    db: UnsafeMutablePointer<Float>?
  ) {
    let k = g.patchSize
    let p = g.positions
    let inPlane = g.channels * g.height * g.width
    if let db {
      db.update(repeating: 0, count: o)
      for n in 0..<batch {
        for c in 0..<o { db[c] += Float(vectorSum(dy + (n * o + c) * p, count: p)) }
      }
    }
    if g.isPointwise {
      for n in 0..<batch {
        let dyn = dy + n * o * p
        if let dw {
          gemm(
            transposeA: false, transposeB: true, m: o, n: k, k: p, a: dyn, lda: p, b: x + n * inPlane, ldb: p,
            beta: n == 0 ? 0 : 1, c: dw, ldc: k)
        }
        if let dx {
          gemm(
            transposeA: true, transposeB: false, m: k, n: p, k: o, a: weight, lda: k, b: dyn, ldb: p, beta: 1,
            c: dx + n * inPlane, ldc: p)
        }
      }
      return
    }
    let chunk = chunkSize(g, batch: batch)
    let cols = UnsafeMutablePointer<Float>.allocate(capacity: k * chunk * p)
    let gathered = UnsafeMutablePointer<Float>.allocate(capacity: o * chunk * p)
    defer {
      cols.deallocate()
      gathered.deallocate()
    }
    var n0 = 0
    while n0 < batch {
      let b = Swift.min(chunk, batch - n0)
      // dy chunk [b, O, P] -> [O, b * P], the layout of the forward GEMM's output.
      for i in 0..<b {
        for c in 0..<o {
          (gathered + c * b * p + i * p).update(from: dy + ((n0 + i) * o + c) * p, count: p)
        }
      }
      if let dw {
        im2col(x + n0 * inPlane, images: b, g, into: cols)
        gemm(
          transposeA: false, transposeB: true, m: o, n: k, k: b * p, a: gathered, lda: b * p, b: cols, ldb: b * p,
          beta: n0 == 0 ? 0 : 1, c: dw, ldc: k)
      }
      if let dx {
        gemm(
          transposeA: true, transposeB: false, m: k, n: b * p, k: o, a: weight, lda: k, b: gathered, ldb: b * p,
          c: cols, ldc: b * p)
        col2im(cols, images: b, g, into: dx + n0 * inPlane)
      }
      n0 += b
    }
  }
}
