/// The geometry of a 2-D convolution or pooling window over NCHW data.
public struct ConvolutionGeometry: Equatable, Sendable {
  /// Input channels, height and width.
  public var channels: Int, height: Int, width: Int
  /// Window height and width.
  public var kernelHeight: Int, kernelWidth: Int
  /// Steps between windows, vertically and horizontally.
  public var strideHeight: Int, strideWidth: Int
  /// Zero rows above and below, zero columns left and right.
  public var paddingHeight: Int, paddingWidth: Int

  /// Output height: windows that fit vertically.
  public var outputHeight: Int { (height + 2 * paddingHeight - kernelHeight) / strideHeight + 1 }
  /// Output width: windows that fit horizontally.
  public var outputWidth: Int { (width + 2 * paddingWidth - kernelWidth) / strideWidth + 1 }
  /// Rows of the patch matrix: one per input channel and window offset.
  var patchSize: Int { channels * kernelHeight * kernelWidth }
  /// Output positions per image.
  var positions: Int { outputHeight * outputWidth }

  /// Whether the window fits at least once and all extents are positive.
  public var isValid: Bool {
    channels > 0 && height > 0 && width > 0 && kernelHeight > 0 && kernelWidth > 0 && strideHeight > 0
      && strideWidth > 0 && paddingHeight >= 0 && paddingWidth >= 0
      && height + 2 * paddingHeight >= kernelHeight && width + 2 * paddingWidth >= kernelWidth
  }

  /// Whether the convolution is a plain matrix product per image (1x1, stride 1, no padding).
  var isPointwise: Bool {
    kernelHeight == 1 && kernelWidth == 1 && strideHeight == 1 && strideWidth == 1 && paddingHeight == 0
      && paddingWidth == 0
  }

  /// Whether there is any padding.
  var isPadded: Bool { paddingHeight > 0 || paddingWidth > 0 }

  /// The same window over the zero-padded input, with the padding made explicit.
  var padded: ConvolutionGeometry {
    var g = self
    g.height += 2 * paddingHeight
    g.width += 2 * paddingWidth
    g.paddingHeight = 0
    g.paddingWidth = 0
    return g
  }
}

/// Copies `n` floats with explicit vector moves.
///
/// Rows here are short (10 to 32 floats); a `memmove` call per row costs more
/// than the copy, and plain loops get turned back into such calls.
@inline(__always)
func copyRun(_ s: UnsafePointer<Float>, _ d: UnsafeMutablePointer<Float>, _ n: Int) {
  let rs = UnsafeRawPointer(s)
  let rd = UnsafeMutableRawPointer(d)
  var i = 0
  while i + 16 <= n {
    rd.storeBytes(
      of: rs.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self), toByteOffset: i * 4, as: SIMD16<Float>.self)
    i += 16
  }
  if i + 8 <= n {
    rd.storeBytes(
      of: rs.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self), toByteOffset: i * 4, as: SIMD8<Float>.self)
    i += 8
  }
  if i + 4 <= n {
    rd.storeBytes(
      of: rs.loadUnaligned(fromByteOffset: i * 4, as: SIMD4<Float>.self), toByteOffset: i * 4, as: SIMD4<Float>.self)
    i += 4
  }
  // The last one to three floats without a loop, which would become a `memcpy` call again.
  if i + 2 <= n {
    rd.storeBytes(
      of: rs.loadUnaligned(fromByteOffset: i * 4, as: SIMD2<Float>.self), toByteOffset: i * 4, as: SIMD2<Float>.self)
    i += 2
  }
  if i < n { d[i] = s[i] }
}

/// Copies 8 floats as one vector.
@inline(__always)
func copyVectors8(_ s: UnsafePointer<Float>, _ d: UnsafeMutablePointer<Float>) {
  UnsafeMutableRawPointer(d).storeBytes(
    of: UnsafeRawPointer(s).loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
}

/// Copies `n` floats, a multiple of 8, as whole vectors.
@inline(__always)
func copyVectors(_ s: UnsafePointer<Float>, _ d: UnsafeMutablePointer<Float>, _ n: Int) {
  let rs = UnsafeRawPointer(s)
  let rd = UnsafeMutableRawPointer(d)
  var i = 0
  while i < n {
    rd.storeBytes(
      of: rs.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self), toByteOffset: i * 4, as: SIMD8<Float>.self)
    i += 8
  }
}

/// Adds `n` floats of `s` into `d` with explicit vector operations (see `copyRun`).
@inline(__always)
func addRun(_ s: UnsafePointer<Float>, _ d: UnsafeMutablePointer<Float>, _ n: Int) {
  let rs = UnsafeRawPointer(s)
  let rd = UnsafeMutableRawPointer(d)
  var i = 0
  while i + 16 <= n {
    let v =
      rs.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
      + UnsafeRawPointer(rd).loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
    rd.storeBytes(of: v, toByteOffset: i * 4, as: SIMD16<Float>.self)
    i += 16
  }
  if i + 8 <= n {
    let v =
      rs.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
      + UnsafeRawPointer(rd).loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
    rd.storeBytes(of: v, toByteOffset: i * 4, as: SIMD8<Float>.self)
    i += 8
  }
  while i < n {
    d[i] += s[i]
    i += 1
  }
}

/// Copies NCHW planes into padded planes (`planes` of them), writing the zero border too.
func padPlanes(
  _ x: UnsafePointer<Float>, planes: Int, height h: Int, width w: Int, padHeight ph: Int, padWidth pw: Int,
  into out: UnsafeMutablePointer<Float>
) {
  let hp = h + 2 * ph
  let wp = w + 2 * pw
  for p in 0..<planes {
    let src = x + p * h * w
    let plane = out + p * hp * wp
    // Only the border is cleared: top and bottom rows, then the side columns of each row.
    plane.update(repeating: 0, count: ph * wp)
    (plane + (ph + h) * wp).update(repeating: 0, count: ph * wp)
    for y in 0..<h {
      let row = plane + (ph + y) * wp
      for i in 0..<pw {
        row[i] = 0
        row[pw + w + i] = 0
      }
      copyRun(src + y * w, row + pw, w)
    }
  }
}

/// Copies the interior of padded planes into unpadded ones (the adjoint of `padPlanes` on fresh output).
func unpadPlanes(
  _ padded: UnsafePointer<Float>, planes: Int, height h: Int, width w: Int, padHeight ph: Int, padWidth pw: Int,
  into dx: UnsafeMutablePointer<Float>
) {
  let hp = h + 2 * ph
  let wp = w + 2 * pw
  for p in 0..<planes {
    let src = padded + p * hp * wp + ph * wp + pw
    let dst = dx + p * h * w
    for y in 0..<h { copyRun(src + y * wp, dst + y * w, w) }
  }
}

/// Writes the patch matrix of unpadded images `x[0..<images]` into `cols`, `[patchSize, images * positions]`.
///
/// Column `b * positions + p` holds the window of image `b` at output position
/// `p`; row `(c * kh + i) * kw + j` holds channel `c` at window offset `(i, j)`.
/// The geometry must have no padding (pad the input first with `padPlanes`).
/// Each image's channel plane is read for all window offsets while it is hot in cache.
func im2col(
  _ x: UnsafePointer<Float>, images: Int, _ g: ConvolutionGeometry, readable: Int,
  into cols: UnsafeMutablePointer<Float>
) {
  precondition(!g.isPadded, "im2col works on explicitly padded input")
  // Rows are copied in whole 8-float vectors; the spill past a row's end lands
  // on the following rows of the same block, which are written right after.
  // Rows near the block's end are copied exactly, and a row is read past its
  // end only within `readable` elements of `x`.
  let rounded = (g.outputWidth + 7) / 8 * 8
  let oh = g.outputHeight
  let ow = g.outputWidth
  let positions = oh * ow
  let columns = images * positions
  let plane = g.height * g.width
  let (sh, sw, w) = (g.strideHeight, g.strideWidth, g.width)
  for b in 0..<images {
    for c in 0..<g.channels {
      let src = x + (b * g.channels + c) * plane
      for i in 0..<g.kernelHeight {
        for j in 0..<g.kernelWidth {
          let row = (c * g.kernelHeight + i) * g.kernelWidth + j
          let dst = cols + row * columns + b * positions
          if sw == 1 {
            let start = src - x + i * w + j
            // Rows 0 ..< fast may spill: their whole-vector copies stay inside the block and
            // read inside `readable` (both conditions only tighten as y grows).
            let byBlock = positions < rounded ? 0 : (positions - rounded) / ow + 1
            let byInput = readable - rounded - start < 0 ? 0 : (readable - rounded - start) / (sh * w) + 1
            let fast = Swift.max(0, Swift.min(oh, byBlock, byInput))
            var from = x + start
            var to = dst
            let step = sh * w
            switch rounded {
            case 8:
              for _ in 0..<fast {
                copyVectors8(from, to)
                from += step
                to += ow
              }
            case 16:
              for _ in 0..<fast {
                copyVectors8(from, to)
                copyVectors8(from + 8, to + 8)
                from += step
                to += ow
              }
            default:
              for _ in 0..<fast {
                copyVectors(from, to, rounded)
                from += step
                to += ow
              }
            }
            for _ in fast..<oh {
              copyRun(from, to, ow)
              from += step
              to += ow
            }
          } else {
            for y in 0..<oh {
              let s = src + (y * sh + i) * w + j
              let d = dst + y * ow
              for xo in 0..<ow { d[xo] = s[xo * sw] }
            }
          }
        }
      }
    }
  }
}

/// Adds the patch matrix `cols` back onto unpadded images `dx[0..<images]` (the adjoint of `im2col`).
func col2im(_ cols: UnsafePointer<Float>, images: Int, _ g: ConvolutionGeometry, into dx: UnsafeMutablePointer<Float>) {
  precondition(!g.isPadded, "col2im works on explicitly padded input")
  let oh = g.outputHeight
  let ow = g.outputWidth
  let positions = oh * ow
  let columns = images * positions
  let plane = g.height * g.width
  let (sh, sw, w) = (g.strideHeight, g.strideWidth, g.width)
  for b in 0..<images {
    for c in 0..<g.channels {
      let dst = dx + (b * g.channels + c) * plane
      for i in 0..<g.kernelHeight {
        for j in 0..<g.kernelWidth {
          let row = (c * g.kernelHeight + i) * g.kernelWidth + j
          let src = cols + row * columns + b * positions
          if sw == 1 {
            for y in 0..<oh { addRun(src + y * ow, dst + (y * sh + i) * w + j, ow) }
          } else {
            for y in 0..<oh {
              let d = dst + (y * sh + i) * w + j
              let s = src + y * ow
              for xo in 0..<ow { d[xo * sw] += s[xo] }
            }
          }
        }
      }
    }
  }
}
