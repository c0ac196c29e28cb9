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

  /// The range of output columns whose input column `ow * sw - pw + kw` lies inside the image.
  @inline(__always)
  func validColumns(_ kw: Int) -> Range<Int> {
    let ow = outputWidth
    // ow * sw >= pw - kw  and  ow * sw < width + pw - kw
    let lowNumerator = paddingWidth - kw
    let lo = lowNumerator <= 0 ? 0 : (lowNumerator + strideWidth - 1) / strideWidth
    let highNumerator = width + paddingWidth - kw
    let hi = highNumerator <= 0 ? 0 : (highNumerator + strideWidth - 1) / strideWidth
    let l = Swift.min(lo, ow)
    return l..<Swift.max(l, Swift.min(hi, ow))
  }
}

/// Writes the patch matrix of images `x[0..<images]` into `cols`, `[patchSize, images * positions]`.
///
/// Column `b * positions + p` holds the window of image `b` at output position
/// `p`; row `(c * kh + i) * kw + j` holds channel `c` at window offset `(i, j)`.
/// Each image's channel plane is read for all window offsets while it is hot in cache.
func im2col(_ x: UnsafePointer<Float>, images: Int, _ g: ConvolutionGeometry, into cols: UnsafeMutablePointer<Float>) {
  let oh = g.outputHeight
  let ow = g.outputWidth
  let positions = oh * ow
  let columns = images * positions
  let plane = g.height * g.width
  for b in 0..<images {
    for c in 0..<g.channels {
      let src = x + (b * g.channels + c) * plane
      for i in 0..<g.kernelHeight {
        for j in 0..<g.kernelWidth {
          let row = (c * g.kernelHeight + i) * g.kernelWidth + j
          let dst = cols + row * columns + b * positions
          let valid = g.validColumns(j)
          let shift = j - g.paddingWidth
          for y in 0..<oh {
            let d = dst + y * ow
            let ih = y * g.strideHeight - g.paddingHeight + i
            if ih < 0 || ih >= g.height {
              d.update(repeating: 0, count: ow)
              continue
            }
            let s = src + ih * g.width
            if valid.lowerBound > 0 { d.update(repeating: 0, count: valid.lowerBound) }
            if g.strideWidth == 1 {
              (d + valid.lowerBound).update(from: s + valid.lowerBound + shift, count: valid.count)
            } else {
              for xo in valid { d[xo] = s[xo * g.strideWidth + shift] }
            }
            if valid.upperBound < ow { (d + valid.upperBound).update(repeating: 0, count: ow - valid.upperBound) }
          }
        }
      }
    }
  }
}

/// Adds the patch matrix `cols` back onto images `dx[0..<images]` (the adjoint of `im2col`).
func col2im(_ cols: UnsafePointer<Float>, images: Int, _ g: ConvolutionGeometry, into dx: UnsafeMutablePointer<Float>) {
  let oh = g.outputHeight
  let ow = g.outputWidth
  let positions = oh * ow
  let columns = images * positions
  let plane = g.height * g.width
  for b in 0..<images {
    for c in 0..<g.channels {
      let dst = dx + (b * g.channels + c) * plane
      for i in 0..<g.kernelHeight {
        for j in 0..<g.kernelWidth {
          let row = (c * g.kernelHeight + i) * g.kernelWidth + j
          let src = cols + row * columns + b * positions
          let valid = g.validColumns(j)
          let shift = j - g.paddingWidth
          if valid.isEmpty { continue }
          for y in 0..<oh {
            let ih = y * g.strideHeight - g.paddingHeight + i
            if ih < 0 || ih >= g.height { continue }
            let d = dst + ih * g.width
            let s = src + y * ow
            if g.strideWidth == 1 {
              addInPlace(d + valid.lowerBound + shift, s + valid.lowerBound, count: valid.count)
            } else {
              for xo in valid { d[xo * g.strideWidth + shift] += s[xo] }
            }
          }
        }
      }
    }
  }
}
