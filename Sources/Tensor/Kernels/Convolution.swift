/// Convolution kernels: im2col + one GEMM per chunk of images, chunks spread over the workers.
///
/// Images are processed in chunks whose patch matrix is about
/// `EngineTuning.convolutionChunkBytes`, so it is still in cache when the
/// GEMM reads it; each chunk is a single GEMM `[O, K] x [K, chunk * positions]`.
/// Workers take chunks in turn, each with its own scratch buffers and a
/// single-threaded GEMM, so im2col and the copies run in parallel too. The
/// backward pass recomputes the patch matrix instead of storing it.
enum ConvolutionKernels {
  /// Columns below which a GEMM is inefficient; chunks grow to reach it.
  static let minimumColumns = 1024

  /// The images per chunk and the number of chunks, a multiple of the workers when possible.
  static func chunking(_ g: ConvolutionGeometry, batch: Int) -> (size: Int, count: Int, workers: Int) {
    let perImage = Swift.max(g.patchSize * g.positions * 4, 1)
    var images = Swift.max(1, EngineTuning.convolutionChunkBytes / perImage)
    images = Swift.max(images, (minimumColumns + g.positions - 1) / Swift.max(g.positions, 1))
    images = Swift.min(images, Swift.max(batch, 1))
    var count = (batch + images - 1) / images
    let workers = Swift.min(Parallel.workerCount, count)
    if workers > 1 {
      // Equal shares: round the chunk count up to a multiple of the workers.
      count = (count + workers - 1) / workers * workers
      images = (batch + count - 1) / count
      count = (batch + images - 1) / images
    }
    return (images, count, workers)
  }

  /// Scratch buffers of one worker, sized for one chunk.
  struct Scratch {
    let cols: UnsafeMutablePointer<Float>
    let matrix: UnsafeMutablePointer<Float>
    let padded: UnsafeMutablePointer<Float>?
    let paddedCount: Int

    init(_ g: ConvolutionGeometry, chunk: Int, outChannels o: Int) {
      // Slack after each buffer lets the row copies of im2col run whole vectors past a row's end.
      cols = .allocate(capacity: g.patchSize * chunk * g.positions + 16)
      matrix = .allocate(capacity: o * chunk * g.positions + 16)
      let pg = g.padded
      paddedCount = chunk * g.channels * pg.height * pg.width
      padded = g.isPadded ? .allocate(capacity: paddedCount + 16) : nil
    }

    func release() {
      cols.deallocate()
      matrix.deallocate()
      padded?.deallocate()
    }
  }

  /// `y = conv(x, w) + bias`; x `[N, C, H, W]`, w `[O, C, KH, KW]`, y `[N, O, OH, OW]`; then `epilogue`
  /// on each output plane as it is written.
  static func forward(
    x: UnsafePointer<Float>, batch: Int, _ g: ConvolutionGeometry, weight: UnsafePointer<Float>, outChannels o: Int,
    bias: UnsafePointer<Float>?, y: UnsafeMutablePointer<Float>, epilogue: PlaneEpilogue? = nil
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
        epilogue?.finish(y + n * o * p, into: y + n * o * p, planes: o, channels: o, count: p, index: n * o)
      }
      return
    }
    let (chunk, chunks, workers) = chunking(g, batch: batch)
    let body = { (worker: Int) in
      let scratch = Scratch(g, chunk: chunk, outChannels: o)
      defer { scratch.release() }
      for c in stride(from: worker, to: chunks, by: workers) {
        let n0 = c * chunk
        let b = Swift.min(chunk, batch - n0)
        if b <= 0 { break }
        patches(x + n0 * inPlane, images: b, g, scratch: scratch)
        gemm(
          transposeA: false, transposeB: false, m: o, n: b * p, k: k, a: weight, lda: k, b: scratch.cols,
          ldb: b * p, c: scratch.matrix, ldc: b * p, parallel: workers == 1)
        // The product is [O, b, P]; y wants [b, O, P]: move whole planes, adding the bias on the way.
        for i in 0..<b {
          for ch in 0..<o {
            let src = scratch.matrix + ch * b * p + i * p
            let dst = y + ((n0 + i) * o + ch) * p
            if let bias {
              let v = bias[ch]
              for t in 0..<p { dst[t] = src[t] + v }
            } else {
              copyRun(src, dst, p)
            }
            epilogue?.apply(dst, into: dst, count: p, channel: ch)
          }
          epilogue?.takeMeans(y + (n0 + i) * o * p, planes: o, count: p, index: (n0 + i) * o)
        }
      }
    }
    if workers > 1 {
      Parallel.withSingleThreadedBLAS { Parallel.run(workers, body) }
    } else {
      body(0)
    }
  }

  /// The patch matrix of `images` images, padding them first when the geometry has padding.
  @inline(__always)
  static func patches(_ x: UnsafePointer<Float>, images: Int, _ g: ConvolutionGeometry, scratch: Scratch) {
    guard let padded = scratch.padded else {
      im2col(x, images: images, g, readable: images * g.channels * g.height * g.width, into: scratch.cols)
      return
    }
    padPlanes(
      x, planes: images * g.channels, height: g.height, width: g.width, padHeight: g.paddingHeight,
      padWidth: g.paddingWidth, into: padded)
    let pg = g.padded
    im2col(padded, images: images, pg, readable: scratch.paddedCount + 16, into: scratch.cols)
  }

  @inline(__always)
  static func addBias(_ y: UnsafeMutablePointer<Float>, _ bias: UnsafePointer<Float>, channels: Int, plane: Int) {
    for c in 0..<channels {
      let v = bias[c]
      let row = y + c * plane
      for t in 0..<plane { row[t] += v }
    }
  }

  /// Gradients of the convolution: `dx`, `dw` and `db`, each overwritten.
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
            transposeA: true, transposeB: false, m: k, n: p, k: o, a: weight, lda: k, b: dyn, ldb: p, beta: 0,
            c: dx + n * inPlane, ldc: p)
        }
      }
      return
    }
    let (chunk, chunks, workers) = chunking(g, batch: batch)
    // Worker 0 accumulates into dw itself, the others into partial sums added at the end.
    let partials =
      dw == nil || workers < 2 ? nil : UnsafeMutablePointer<Float>.allocate(capacity: (workers - 1) * o * k)
    defer { partials?.deallocate() }
    let pg = g.padded
    let body = { (worker: Int) in
      let scratch = Scratch(g, chunk: chunk, outChannels: o)
      defer { scratch.release() }
      let dwTarget: UnsafeMutablePointer<Float>? = worker == 0 ? dw : partials.map { $0 + (worker - 1) * o * k }
      var first = true
      for c in stride(from: worker, to: chunks, by: workers) {
        let n0 = c * chunk
        let b = Swift.min(chunk, batch - n0)
        if b <= 0 { break }
        // dy chunk [b, O, P] -> [O, b * P], the layout of the forward GEMM's output.
        for i in 0..<b {
          for ch in 0..<o { copyRun(dy + ((n0 + i) * o + ch) * p, scratch.matrix + ch * b * p + i * p, p) }
        }
        if let dwTarget {
          patches(x + n0 * inPlane, images: b, g, scratch: scratch)
          gemm(
            transposeA: false, transposeB: true, m: o, n: k, k: b * p, a: scratch.matrix, lda: b * p,
            b: scratch.cols, ldb: b * p, beta: first ? 0 : 1, c: dwTarget, ldc: k, parallel: workers == 1)
          first = false
        }
        if let dx {
          gemm(
            transposeA: true, transposeB: false, m: k, n: b * p, k: o, a: weight, lda: k, b: scratch.matrix,
            ldb: b * p, c: scratch.cols, ldc: b * p, parallel: workers == 1)
          let dxChunk = dx + n0 * inPlane
          if let padded = scratch.padded {
            // Accumulate onto the padded grid, then copy its interior out.
            padded.update(repeating: 0, count: b * g.channels * pg.height * pg.width)
            col2im(scratch.cols, images: b, pg, into: padded)
            unpadPlanes(
              padded, planes: b * g.channels, height: g.height, width: g.width, padHeight: g.paddingHeight,
              padWidth: g.paddingWidth, into: dxChunk)
          } else {
            dxChunk.update(repeating: 0, count: b * inPlane)
            col2im(scratch.cols, images: b, g, into: dxChunk)
          }
        }
      }
      // A worker without chunks contributes nothing.
      if first, let dwTarget { dwTarget.update(repeating: 0, count: o * k) }
    }
    if workers > 1 {
      Parallel.withSingleThreadedBLAS { Parallel.run(workers, body) }
    } else {
      body(0)
    }
    if let dw, let partials {
      for w in 1..<workers { addInPlace(dw, partials + (w - 1) * o * k, count: o * k) }
    }
  }
}
