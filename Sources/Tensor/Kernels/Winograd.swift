/// Winograd convolution F(2x2, 3x3) for 3x3, stride-1 convolutions (Lavin and Gray, CVPR 2016).
///
/// Each 2x2 block of outputs comes from a 4x4 input tile: `Y = Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A`.
/// Over all tiles this is 16 matrix products `[O, C] x [C, tiles]`, one per
/// transformed position, with 16 multiply-adds per tile and channel pair
/// instead of 36: 2.25 times fewer than im2col + GEMM. The gradient with
/// respect to the input is the same convolution with rotated, transposed
/// filters; the gradient with respect to the filters uses the transposed
/// algorithm F(3x3, 2x2): `dW = Gᵀ [Σ (A h Aᵀ) ⊙ (Bᵀ d B)] G` over tiles, again
/// 16 products, now summing over tiles. Transforms run on 8 tiles at a time
/// (the even and odd columns of a 16-float load; on planes up to 4 wide, the tiles of
/// consecutive tile rows), chunks of images on the workers.
enum WinogradKernels {
  /// Whether the geometry is a 3x3, stride-1 convolution this kernel handles.
  static func applies(to g: ConvolutionGeometry, outChannels: Int) -> Bool {
    g.kernelHeight == 3 && g.kernelWidth == 3 && g.strideHeight == 1 && g.strideWidth == 1
      && g.paddingHeight == g.paddingWidth && (0...2).contains(g.paddingHeight)
      && g.channels >= 8 && outChannels >= 8 && g.outputHeight >= 1 && g.outputWidth >= 1
  }

  /// Transformed positions per tile.
  static let positions = 16

  /// Tiles and padded plane sizes for an input of `height x width`, padding `pad`, output `oh x ow`.
  struct Layout {
    let height: Int, width: Int, pad: Int
    let outputHeight: Int, outputWidth: Int
    /// Tile rows and columns per image.
    let tileRows: Int, tileColumns: Int
    /// The padded input plane: tiles read rows `2i ..< 2i + 4` and columns `2j ..< 2j + 4`,
    /// with room for 16-float loads past the last tile.
    let paddedHeight: Int, paddedWidth: Int
    /// The output plane rounded up to whole tiles, with room for 16-float stores.
    let blockHeight: Int, blockWidth: Int
    /// Whether the transforms take eight tiles from `8 / tileColumns` consecutive tile rows
    /// (`EngineTuning.winogradFlatColumns`); the padded and block planes are then only as wide as
    /// one tile row needs.
    let flat: Bool
    /// Whether the output plane is whole tiles exactly as wide as the block plane (32, 16 or 4
    /// wide, say), so that the output and gradient transforms can write and read it where it
    /// lies, without a copy through block planes (`EngineTuning.winogradInPlace`).
    let inPlace: Bool

    init(height: Int, width: Int, pad: Int) {
      self.height = height
      self.width = width
      self.pad = pad
      outputHeight = height + 2 * pad - 2
      outputWidth = width + 2 * pad - 2
      tileRows = (outputHeight + 1) / 2
      tileColumns = (outputWidth + 1) / 2
      flat = tileColumns <= EngineTuning.winogradFlatColumns && 8 % tileColumns == 0
      paddedHeight = 2 * tileRows + 2
      let rounded = flat ? tileColumns : (tileColumns + 7) / 8 * 8
      paddedWidth = 2 * rounded + (flat ? 2 : 4)
      blockHeight = 2 * tileRows
      blockWidth = 2 * rounded
      inPlace = EngineTuning.winogradInPlace && blockHeight == outputHeight && blockWidth == outputWidth
    }

    var tilesPerImage: Int { tileRows * tileColumns }
  }

  // MARK: Filter transforms

  /// `U[ξ][o][c] = (G g Gᵀ)[ξ]` for filters `w [O, C, 3, 3]`; with `rotated`, for the filters
  /// of the input gradient, `w'[c][o] = rot180(w[o][c])`, giving `U[ξ][c][o]`.
  static func transformFilters(_ w: UnsafePointer<Float>, outChannels o: Int, inChannels c: Int, rotated: Bool)
    -> [Float]
  {
    let (rows, cols) = rotated ? (c, o) : (o, c)
    // Every element is written below; the rows are split over the workers (each filter's
    // transform is the same arithmetic wherever it runs).
    return [Float](unsafeUninitializedCapacity: positions * rows * cols) { buffer, count in
      count = positions * rows * cols
      guard let u = buffer.baseAddress else { return }
      Parallel.ranges(rows, minimum: Swift.max(1, filterTransformGrain / Swift.max(cols, 1))) { range in
        transformFilters(w, outChannels: o, inChannels: c, rotated: rotated, rows: range, into: u)
      }
    }
  }

  /// Filters per worker below which the filter transforms are not split (a few µs of work).
  static let filterTransformGrain = 1024

  /// `transformFilters` for the rows `range` of `U[ξ]` (output channels, or input channels when `rotated`).
  static func transformFilters(
    _ w: UnsafePointer<Float>, outChannels o: Int, inChannels c: Int, rotated: Bool, rows range: Range<Int>,
    into u: UnsafeMutablePointer<Float>
  ) {
    let (rows, cols) = rotated ? (c, o) : (o, c)
    // G = [[1,0,0],[½,½,½],[½,-½,½],[0,0,1]] applied to a 3-vector, for eight filters side by side
    // (lane by lane the same operations as on one).
    @inline(__always) func g3(_ a: SIMD8<Float>, _ b: SIMD8<Float>, _ c: SIMD8<Float>) -> (
      SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>
    ) {
      (a, 0.5 * (a + b + c), 0.5 * (a - b + c), c)
    }
    // Row r, column s is the filter w[r][s] at `w + (r * c + s) * 9`; rotated, w[s][r] at `w + (s * c + r) * 9`.
    let (rowStep, colStep) = rotated ? (9, c * 9) : (c * 9, 9)
    for r in range {
      var s = 0
      while s < cols {
        let lanes = Swift.min(8, cols - s)
        let first = w + r * rowStep + s * colStep
        // Element i of the eight filters' 3x3 kernels (rotated by 180° for the input gradient).
        @inline(__always) func g(_ i: Int) -> SIMD8<Float> {
          let at = rotated ? 8 - i : i
          var v = SIMD8<Float>()
          for k in 0..<lanes { v[k] = first[k * colStep + at] }
          return v
        }
        // G g: one 4-vector per filter column, then G on each of the 4 rows.
        let col0 = g3(g(0), g(3), g(6))
        let col1 = g3(g(1), g(4), g(7))
        let col2 = g3(g(2), g(5), g(8))
        @inline(__always) func put(_ v: SIMD8<Float>, _ position: Int) {
          let out = u + (position * rows + r) * cols + s
          if lanes == 8 { store(v, out) } else { for k in 0..<lanes { out[k] = v[k] } }
        }
        @inline(__always) func emit(_ a: Int, _ t0: SIMD8<Float>, _ t1: SIMD8<Float>, _ t2: SIMD8<Float>) {
          let row = g3(t0, t1, t2)
          put(row.0, a * 4)
          put(row.1, a * 4 + 1)
          put(row.2, a * 4 + 2)
          put(row.3, a * 4 + 3)
        }
        emit(0, col0.0, col1.0, col2.0)
        emit(1, col0.1, col1.1, col2.1)
        emit(2, col0.2, col1.2, col2.2)
        emit(3, col0.3, col1.3, col2.3)
        s += 8
      }
    }
  }

  /// `dW[o][c] = Gᵀ S[o][c] G` (3x3 from 4x4), from the summed products `S[ξ][o][c]`.
  static func inverseFilterTransform(
    _ s: UnsafePointer<Float>, outChannels o: Int, inChannels c: Int,
    into dw: UnsafeMutablePointer<Float>
  ) {
    let plane = o * c
    // Gᵀ = [[1,½,½,0],[0,½,-½,0],[0,½,½,1]] applied to a 4-vector.
    @inline(__always) func gt(_ a: Float, _ b: Float, _ c: Float, _ d: Float) -> (Float, Float, Float) {
      (a + 0.5 * (b + c), 0.5 * (b - c), 0.5 * (b + c) + d)
    }
    Parallel.ranges(o, minimum: Swift.max(1, filterTransformGrain / Swift.max(c, 1))) { range in
      for r in range {
        for q in 0..<c {
          @inline(__always) func m(_ xi: Int) -> Float { s[xi * plane + r * c + q] }
          // Gᵀ on each column of the 4x4, then on each of the 3 resulting rows.
          let k0 = gt(m(0), m(4), m(8), m(12))
          let k1 = gt(m(1), m(5), m(9), m(13))
          let k2 = gt(m(2), m(6), m(10), m(14))
          let k3 = gt(m(3), m(7), m(11), m(15))
          let out = dw + (r * c + q) * 9
          let row0 = gt(k0.0, k1.0, k2.0, k3.0)
          let row1 = gt(k0.1, k1.1, k2.1, k3.1)
          let row2 = gt(k0.2, k1.2, k2.2, k3.2)
          (out[0], out[1], out[2]) = row0
          (out[3], out[4], out[5]) = row1
          (out[6], out[7], out[8]) = row2
        }
      }
    }
  }

  // MARK: Data transforms (8 tiles at a time)

  /// Copies `planes` planes into zeroed tile-padded planes (`layout.paddedHeight x paddedWidth`).
  static func padForTiles(
    _ x: UnsafePointer<Float>, planes: Int, _ l: Layout, into out: UnsafeMutablePointer<Float>
  ) {
    let size = l.paddedHeight * l.paddedWidth
    let (top, left) = (l.pad, l.pad)
    let right = l.paddedWidth - left - l.width
    for p in 0..<planes {
      let src = x + p * l.height * l.width
      let plane = out + p * size
      // Clear only the border: rows above and below the image, columns left and right of it.
      plane.update(repeating: 0, count: top * l.paddedWidth)
      let below = (top + l.height) * l.paddedWidth
      (plane + below).update(repeating: 0, count: size - below)
      for y in 0..<l.height {
        let row = plane + (top + y) * l.paddedWidth
        if left > 0 { row[0] = 0 }
        if left > 1 { row[1] = 0 }
        copyRun(src + y * l.width, row + left, l.width)
        zeroVectors(row + left + l.width, right)
      }
    }
  }

  /// Copies `planes` output planes into zeroed block planes (`layout.blockHeight x blockWidth`).
  static func fillBlocks(_ src: UnsafePointer<Float>, planes: Int, _ l: Layout, into out: UnsafeMutablePointer<Float>) {
    let (plane, blockPlane) = (l.outputHeight * l.outputWidth, l.blockHeight * l.blockWidth)
    for p in 0..<planes {
      let (from, to) = (src + p * plane, out + p * blockPlane)
      for r in 0..<l.outputHeight {
        copyRun(from + r * l.outputWidth, to + r * l.blockWidth, l.outputWidth)
        zeroVectors(to + r * l.blockWidth + l.outputWidth, l.blockWidth - l.outputWidth)
      }
      let below = l.outputHeight * l.blockWidth
      (to + below).update(repeating: 0, count: blockPlane - below)
    }
  }

  /// Zeroes `n` floats (and up to 7 more) with whole-vector stores, cheaper than a `memset` call for short runs.
  @inline(__always)
  static func zeroVectors(_ p: UnsafeMutablePointer<Float>, _ n: Int) {
    let raw = UnsafeMutableRawPointer(p)
    var i = 0
    while i < n {
      raw.storeBytes(of: SIMD8<Float>.zero, toByteOffset: i * 4, as: SIMD8<Float>.self)
      i += 8
    }
  }

  /// `V[ξ][c][t] = (Bᵀ d B)[ξ]` for every tile `t` of `images` tile-padded images of `channels` planes.
  ///
  /// `V` holds 16 matrices `[channels, tiles]` spaced `stride` apart (the gap
  /// absorbs the spill of the 8-tile stores).
  static func inputTransform(
    _ padded: UnsafePointer<Float>, images: Int, channels: Int, _ l: Layout, into v: UnsafeMutablePointer<Float>,
    stride: Int
  ) {
    if l.flat {
      return inputTransformAcrossRows(padded, images: images, channels: channels, l, into: v, stride: stride)
    }
    let tiles = images * l.tilesPerImage
    let plane = l.paddedHeight * l.paddedWidth
    let raw = UnsafeRawPointer(padded)
    for c in 0..<channels {
      for b in 0..<images {
        let src = (b * channels + c) * plane
        let row0 = c * tiles + b * l.tilesPerImage
        for i in 0..<l.tileRows {
          var j0 = 0
          while j0 < l.tileColumns {
            // Columns 2j + k of input rows 2i + r, for 8 tiles j0 ..< j0 + 8.
            @inline(__always) func row(_ r: Int) -> TileRow {
              let at = (src + (2 * i + r) * l.paddedWidth + 2 * j0) * 4
              let even = raw.loadUnaligned(fromByteOffset: at, as: SIMD16<Float>.self)
              let shifted = raw.loadUnaligned(fromByteOffset: at + 8, as: SIMD16<Float>.self)
              return (even.evenHalf, even.oddHalf, shifted.evenHalf, shifted.oddHalf)
            }
            inputTiles(row(0), row(1), row(2), row(3), into: v, stride: stride, at: row0 + i * l.tileColumns + j0)
            j0 += 8
          }
        }
      }
    }
  }

  /// `U'[ξ][o][t] = (A h Aᵀ)[ξ]` for the 2x2 output-gradient block `h` of every tile,
  /// from output gradients padded to `blockHeight x blockWidth` planes.
  static func gradientTransform(
    _ padded: UnsafePointer<Float>, images: Int, channels: Int, _ l: Layout, into u: UnsafeMutablePointer<Float>,
    stride: Int
  ) {
    if l.flat {
      return gradientTransformAcrossRows(padded, images: images, channels: channels, l, into: u, stride: stride)
    }
    let tiles = images * l.tilesPerImage
    let plane = l.blockHeight * l.blockWidth
    let raw = UnsafeRawPointer(padded)
    for o in 0..<channels {
      for b in 0..<images {
        let src = (b * channels + o) * plane
        let row0 = o * tiles + b * l.tilesPerImage
        for i in 0..<l.tileRows {
          var j0 = 0
          while j0 < l.tileColumns {
            let top = raw.loadUnaligned(
              fromByteOffset: (src + 2 * i * l.blockWidth + 2 * j0) * 4, as: SIMD16<Float>.self)
            let bottom = raw.loadUnaligned(
              fromByteOffset: (src + (2 * i + 1) * l.blockWidth + 2 * j0) * 4, as: SIMD16<Float>.self)
            gradientTiles(top, bottom, into: u, stride: stride, at: row0 + i * l.tileColumns + j0)
            j0 += 8
          }
        }
      }
    }
  }

  /// `Y = Aᵀ m A` (+ bias) for every tile, into tile-aligned output planes `blockHeight x blockWidth`.
  static func outputTransform(
    _ m: UnsafePointer<Float>, stride: Int, images: Int, channels: Int, _ l: Layout, bias: UnsafePointer<Float>?,
    into out: UnsafeMutablePointer<Float>
  ) {
    if l.flat {
      return outputTransformAcrossRows(m, stride: stride, images: images, channels: channels, l, bias: bias, into: out)
    }
    let tiles = images * l.tilesPerImage
    let plane = l.blockHeight * l.blockWidth
    let raw = UnsafeRawPointer(m)
    let rawOut = UnsafeMutableRawPointer(out)
    for o in 0..<channels {
      let shift = SIMD8<Float>(repeating: bias?[o] ?? 0)
      for b in 0..<images {
        let dst = (b * channels + o) * plane
        let row0 = o * tiles + b * l.tilesPerImage
        for i in 0..<l.tileRows {
          var j0 = 0
          while j0 < l.tileColumns {
            let (top, bottom) = outputTiles(raw, stride: stride, at: row0 + i * l.tileColumns + j0, shift: shift)
            rawOut.storeBytes(of: top, toByteOffset: (dst + 2 * i * l.blockWidth + 2 * j0) * 4, as: SIMD16<Float>.self)
            rawOut.storeBytes(
              of: bottom, toByteOffset: (dst + (2 * i + 1) * l.blockWidth + 2 * j0) * 4, as: SIMD16<Float>.self)
            j0 += 8
          }
        }
      }
    }
  }

  // MARK: Data transforms on short tile rows (8 tiles from consecutive tile rows)

  // A tile row of 1, 2 or 4 tiles would fill only that many of a transform's eight lanes. Here
  // eight lanes take the tiles of `8 / tileColumns` consecutive tile rows of the chunk (across
  // images), which are consecutive in `V`, `M` and `U'` as well: the loads put the rows' data end
  // to end and the stores take it apart again. Each tile goes through the same functions as in
  // the row order (`inputTiles`, `gradientTiles`, `outputTiles`), so the results are the same bit
  // for bit.

  /// The offset of each of the chunk's tile rows (`images · tileRows` of them, in tile order) in
  /// planes of `rowWidth` floats per row and `plane` per plane, `channels` planes per image: the
  /// first of the two input or output rows the tile row covers, in channel 0.
  static func tileRowStarts(images: Int, channels: Int, _ l: Layout, plane: Int, rowWidth: Int) -> [Int] {
    (0..<(images * l.tileRows)).map { q in (q / l.tileRows) * channels * plane + 2 * (q % l.tileRows) * rowWidth }
  }

  /// The offsets (in floats) of the tile rows of one group of eight tiles, from tile row `q0` on,
  /// plus `add`; past the chunk's last tile row, that row again (read, never stored).
  @inline(__always)
  static func group(_ starts: UnsafeBufferPointer<Int>, _ q0: Int, rows: Int, add: Int) -> SIMD8<Int> {
    var offsets = SIMD8<Int>(repeating: 0)
    for k in 0..<rows { offsets[k] = starts[Swift.min(q0 + k, starts.count - 1)] + add }
    return offsets
  }

  /// `2 · tileColumns` floats from each of the `8 / tileColumns` offsets, end to end.
  @inline(__always)
  static func endToEnd(_ raw: UnsafeRawPointer, _ at: SIMD8<Int>, plus shift: Int, tileColumns: Int) -> SIMD16<Float> {
    @inline(__always) func load<V: SIMD>(_ k: Int, _: V.Type) -> V where V.Scalar == Float {
      raw.loadUnaligned(fromByteOffset: (at[k] + shift) * 4, as: V.self)
    }
    switch tileColumns {
    case 4:
      return SIMD16(lowHalf: load(0, SIMD8<Float>.self), highHalf: load(1, SIMD8<Float>.self))
    case 2:
      return SIMD16(
        lowHalf: SIMD8(lowHalf: load(0, SIMD4<Float>.self), highHalf: load(1, SIMD4<Float>.self)),
        highHalf: SIMD8(lowHalf: load(2, SIMD4<Float>.self), highHalf: load(3, SIMD4<Float>.self)))
    default:
      return SIMD16(
        lowHalf: SIMD8(
          lowHalf: SIMD4(lowHalf: load(0, SIMD2<Float>.self), highHalf: load(1, SIMD2<Float>.self)),
          highHalf: SIMD4(lowHalf: load(2, SIMD2<Float>.self), highHalf: load(3, SIMD2<Float>.self))),
        highHalf: SIMD8(
          lowHalf: SIMD4(lowHalf: load(4, SIMD2<Float>.self), highHalf: load(5, SIMD2<Float>.self)),
          highHalf: SIMD4(lowHalf: load(6, SIMD2<Float>.self), highHalf: load(7, SIMD2<Float>.self))))
    }
  }

  /// The inverse of `endToEnd` for the first `rows` offsets: `2 · tileColumns` floats to each.
  @inline(__always)
  static func storeApart(
    _ v: SIMD16<Float>, _ raw: UnsafeMutableRawPointer, _ at: SIMD8<Int>, plus shift: Int, rows: Int, tileColumns: Int
  ) {
    switch tileColumns {
    case 4:
      raw.storeBytes(of: v.lowHalf, toByteOffset: (at[0] + shift) * 4, as: SIMD8<Float>.self)
      if rows > 1 { raw.storeBytes(of: v.highHalf, toByteOffset: (at[1] + shift) * 4, as: SIMD8<Float>.self) }
    case 2:
      @inline(__always) func put(_ k: Int, _ q: SIMD4<Float>) {
        if k < rows { raw.storeBytes(of: q, toByteOffset: (at[k] + shift) * 4, as: SIMD4<Float>.self) }
      }
      put(0, v.lowHalf.lowHalf)
      put(1, v.lowHalf.highHalf)
      put(2, v.highHalf.lowHalf)
      put(3, v.highHalf.highHalf)
    default:
      for k in 0..<rows {
        raw.storeBytes(of: SIMD2(v[2 * k], v[2 * k + 1]), toByteOffset: (at[k] + shift) * 4, as: SIMD2<Float>.self)
      }
    }
  }

  /// Calls `body(channel, at, first, rows)` for each group of eight tiles of each of `channels`
  /// channels, in order: `at` holds the offsets of the group's tile rows (`group`) in planes of
  /// `plane` floats and `rowWidth` per row, `first` is the group's first tile in the channel's row
  /// of `V`, `M` or `U'`, and `rows` how many of its tile rows exist.
  @inline(__always)
  static func forEachGroup(
    images: Int, channels: Int, _ l: Layout, plane: Int, rowWidth: Int,
    _ body: (_ channel: Int, _ at: SIMD8<Int>, _ first: Int, _ rows: Int) -> Void
  ) {
    let (tiles, tc, perGroup) = (images * l.tilesPerImage, l.tileColumns, 8 / l.tileColumns)
    let starts = tileRowStarts(images: images, channels: channels, l, plane: plane, rowWidth: rowWidth)
    starts.withUnsafeBufferPointer { starts in
      for c in 0..<channels {
        var q0 = 0
        while q0 < starts.count {
          body(
            c, group(starts, q0, rows: perGroup, add: c * plane), c * tiles + q0 * tc,
            Swift.min(perGroup, starts.count - q0))
          q0 += perGroup
        }
      }
    }
  }

  /// `inputTransform` for tile rows of 1, 2 or 4 tiles.
  static func inputTransformAcrossRows(
    _ padded: UnsafePointer<Float>, images: Int, channels: Int, _ l: Layout, into v: UnsafeMutablePointer<Float>,
    stride: Int
  ) {
    let (raw, width, tc) = (UnsafeRawPointer(padded), l.paddedWidth, l.tileColumns)
    forEachGroup(images: images, channels: channels, l, plane: l.paddedHeight * width, rowWidth: width) {
      _, at, first, _ in
      @inline(__always) func row(_ r: Int) -> TileRow {
        let even = endToEnd(raw, at, plus: r * width, tileColumns: tc)
        let shifted = endToEnd(raw, at, plus: r * width + 2, tileColumns: tc)
        return (even.evenHalf, even.oddHalf, shifted.evenHalf, shifted.oddHalf)
      }
      inputTiles(row(0), row(1), row(2), row(3), into: v, stride: stride, at: first)
    }
  }

  /// `gradientTransform` for tile rows of 1, 2 or 4 tiles.
  static func gradientTransformAcrossRows(
    _ padded: UnsafePointer<Float>, images: Int, channels: Int, _ l: Layout, into u: UnsafeMutablePointer<Float>,
    stride: Int
  ) {
    let (raw, width, tc) = (UnsafeRawPointer(padded), l.blockWidth, l.tileColumns)
    forEachGroup(images: images, channels: channels, l, plane: l.blockHeight * width, rowWidth: width) {
      _, at, first, _ in
      gradientTiles(
        endToEnd(raw, at, plus: 0, tileColumns: tc), endToEnd(raw, at, plus: width, tileColumns: tc), into: u,
        stride: stride, at: first)
    }
  }

  /// `outputTransform` for tile rows of 1, 2 or 4 tiles.
  static func outputTransformAcrossRows(
    _ m: UnsafePointer<Float>, stride: Int, images: Int, channels: Int, _ l: Layout, bias: UnsafePointer<Float>?,
    into out: UnsafeMutablePointer<Float>
  ) {
    let (raw, rawOut) = (UnsafeRawPointer(m), UnsafeMutableRawPointer(out))
    let (width, tc) = (l.blockWidth, l.tileColumns)
    forEachGroup(images: images, channels: channels, l, plane: l.blockHeight * width, rowWidth: width) {
      o, to, first, rows in
      let (top, bottom) = outputTiles(raw, stride: stride, at: first, shift: SIMD8(repeating: bias?[o] ?? 0))
      storeApart(top, rawOut, to, plus: 0, rows: rows, tileColumns: tc)
      storeApart(bottom, rawOut, to, plus: width, rows: rows, tileColumns: tc)
    }
  }

  // MARK: The transforms of eight tiles (one per lane), shared by both tile orders

  /// Eight tiles' input row: columns 2j, 2j + 1, 2j + 2 and 2j + 3 of each tile.
  typealias TileRow = (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>)

  /// `Bᵀ d B` for eight tiles whose input rows are `d0 … d3`, into `v + ξ · stride + at`.
  @inline(__always)
  static func inputTiles(
    _ d0: TileRow, _ d1: TileRow, _ d2: TileRow, _ d3: TileRow, into v: UnsafeMutablePointer<Float>, stride: Int,
    at out: Int
  ) {
    // Bᵀ d: rows (d0 - d2, d1 + d2, d2 - d1, d1 - d3); then the same on columns.
    @inline(__always) func columns(
      _ a: Int, _ t0: SIMD8<Float>, _ t1: SIMD8<Float>, _ t2: SIMD8<Float>, _ t3: SIMD8<Float>
    ) {
      store(t0 - t2, v + (a * 4) * stride + out)
      store(t1 + t2, v + (a * 4 + 1) * stride + out)
      store(t2 - t1, v + (a * 4 + 2) * stride + out)
      store(t1 - t3, v + (a * 4 + 3) * stride + out)
    }
    columns(0, d0.0 - d2.0, d0.1 - d2.1, d0.2 - d2.2, d0.3 - d2.3)
    columns(1, d1.0 + d2.0, d1.1 + d2.1, d1.2 + d2.2, d1.3 + d2.3)
    columns(2, d2.0 - d1.0, d2.1 - d1.1, d2.2 - d1.2, d2.3 - d1.3)
    columns(3, d1.0 - d3.0, d1.1 - d3.1, d1.2 - d3.2, d1.3 - d3.3)
  }

  /// `A h Aᵀ` for eight tiles' 2x2 output-gradient blocks, whose rows are `top` and `bottom`
  /// (each tile's two columns side by side), into `u + ξ · stride + at`.
  @inline(__always)
  static func gradientTiles(
    _ top: SIMD16<Float>, _ bottom: SIMD16<Float>, into u: UnsafeMutablePointer<Float>, stride: Int, at out: Int
  ) {
    // A h with A = [[1,0],[1,1],[1,-1],[0,-1]]: rows (h0, h0 + h1, h0 - h1, -h1), then columns.
    let (h00, h01, h10, h11) = (top.evenHalf, top.oddHalf, bottom.evenHalf, bottom.oddHalf)
    @inline(__always) func columns(_ a: Int, _ x0: SIMD8<Float>, _ x1: SIMD8<Float>) {
      store(x0, u + (a * 4) * stride + out)
      store(x0 + x1, u + (a * 4 + 1) * stride + out)
      store(x0 - x1, u + (a * 4 + 2) * stride + out)
      store(-x1, u + (a * 4 + 3) * stride + out)
    }
    columns(0, h00, h01)
    columns(1, h00 + h10, h01 + h11)
    columns(2, h00 - h10, h01 - h11)
    columns(3, -h10, -h11)
  }

  /// `Aᵀ m A + shift` for the eight tiles at `m + ξ · stride + at`: the output rows of the tiles,
  /// each tile's two columns side by side.
  @inline(__always)
  static func outputTiles(_ raw: UnsafeRawPointer, stride: Int, at: Int, shift: SIMD8<Float>) -> (
    top: SIMD16<Float>, bottom: SIMD16<Float>
  ) {
    @inline(__always) func load(_ xi: Int) -> SIMD8<Float> {
      raw.loadUnaligned(fromByteOffset: (xi * stride + at) * 4, as: SIMD8<Float>.self)
    }
    // Aᵀ m with Aᵀ = [[1,1,1,0],[0,1,-1,-1]] on rows, then on columns.
    @inline(__always) func rows(_ k: Int) -> (SIMD8<Float>, SIMD8<Float>) {
      let (m0, m1, m2, m3) = (load(k), load(4 + k), load(8 + k), load(12 + k))
      return (m0 + m1 + m2, m1 - m2 - m3)
    }
    let c0 = rows(0)
    let c1 = rows(1)
    let c2 = rows(2)
    let c3 = rows(3)
    let s0 = (c0.0, c1.0, c2.0, c3.0)
    let s1 = (c0.1, c1.1, c2.1, c3.1)
    let y00 = s0.0 + s0.1 + s0.2 + shift
    let y01 = s0.1 - s0.2 - s0.3 + shift
    let y10 = s1.0 + s1.1 + s1.2 + shift
    let y11 = s1.1 - s1.2 - s1.3 + shift
    return (interleave(y00, y01), interleave(y10, y11))
  }

  @inline(__always)
  static func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
  }

  /// `(a0, b0, a1, b1, ...)`.
  @inline(__always)
  static func interleave(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD16<Float> {
    SIMD16(a[0], b[0], a[1], b[1], a[2], b[2], a[3], b[3], a[4], b[4], a[5], b[5], a[6], b[6], a[7], b[7])
  }

  // MARK: Convolutions

  /// Scratch for `count` floats starting on a cache-line boundary. With malloc's 16-byte
  /// alignment, where a buffer fell depended on what had been allocated before, and the
  /// per-position products ran 3% slower in early-exit inference than in the original network
  /// over the same rows (a `perf` profile, one thread, 2026-12-04). The block comes from malloc
  /// and is aligned by hand: an aligned allocation (`posix_memalign`) was not reused by the heap
  /// the way `HeapSettings` arranges, and four training steps of a ResNet faulted 14,900 pages in
  /// instead of 1,340 (`PageFaultTests`).
  struct Scratch {
    private let base: UnsafeMutablePointer<Float>
    let pointer: UnsafeMutablePointer<Float>

    init(_ count: Int) {
      base = .allocate(capacity: Swift.max(count, 1) + 16)
      let misalignment = Int(bitPattern: UnsafeRawPointer(base)) & 63
      pointer = base + (misalignment == 0 ? 0 : (64 - misalignment) / 4)
    }

    func free() { base.deallocate() }
  }

  /// Images per chunk and chunk count, so a chunk's transformed data stays near the cache budget.
  static func chunking(channels c: Int, outChannels o: Int, _ l: Layout, batch: Int) -> (
    size: Int, count: Int, workers: Int
  ) {
    let perImage = Swift.max(1, positions * (c + o) * l.tilesPerImage * 4)
    var images = Swift.max(1, 2 * EngineTuning.convolutionChunkBytes / perImage)
    images = Swift.max(images, (256 + l.tilesPerImage - 1) / l.tilesPerImage)
    images = Swift.min(images, Swift.max(batch, 1))
    var count = (batch + images - 1) / images
    let workers = Swift.min(Parallel.workerCount, count)
    if workers > 1 {
      count = (count + workers - 1) / workers * workers
      images = (batch + count - 1) / count
      count = (batch + images - 1) / images
    }
    return (images, count, workers)
  }

  /// `y = conv3x3(x) + bias` with pre-transformed filters `u [16][O][C]`; x `[N, C, H, W]`, y `[N, O, OH, OW]`;
  /// then `epilogue` on each output plane as it is written.
  static func convolve(
    _ x: UnsafePointer<Float>, batch: Int, channels c: Int, height: Int, width: Int, pad: Int,
    filters u: UnsafePointer<Float>, outChannels o: Int, bias: UnsafePointer<Float>?,
    into y: UnsafeMutablePointer<Float>, epilogue: PlaneEpilogue? = nil
  ) {
    let l = Layout(height: height, width: width, pad: pad)
    let (chunk, chunks, workers) = chunking(channels: c, outChannels: o, l, batch: batch)
    let inPlane = height * width
    let outPlane = l.outputHeight * l.outputWidth
    let body = { (worker: Int) in
      let maxTiles = chunk * l.tilesPerImage
      let vStride = c * maxTiles + 8
      let mStride = o * maxTiles + 8
      let scratch = (
        padded: Scratch(chunk * c * l.paddedHeight * l.paddedWidth + 32), v: Scratch(positions * vStride),
        m: Scratch(positions * mStride + 16)
      )
      let (padded, v, m) = (scratch.padded.pointer, scratch.v.pointer, scratch.m.pointer)
      // Without an epilogue, an output of whole tiles is written where it lies; with one, the map
      // is applied on the copy out of the block (in place, right after the transform's stores, its
      // loads would stall on store forwarding).
      let inPlace = l.inPlace && epilogue == nil
      let blockScratch = Scratch(inPlace ? 0 : chunk * o * l.blockHeight * l.blockWidth + 32)
      let block = blockScratch.pointer
      defer {
        scratch.padded.free()
        scratch.v.free()
        scratch.m.free()
        blockScratch.free()
      }
      for chunkIndex in Swift.stride(from: worker, to: chunks, by: workers) {
        let n0 = chunkIndex * chunk
        let b = Swift.min(chunk, batch - n0)
        if b <= 0 { break }
        let tiles = b * l.tilesPerImage
        padForTiles(x + n0 * c * inPlane, planes: b * c, l, into: padded)
        inputTransform(padded, images: b, channels: c, l, into: v, stride: vStride)
        for xi in 0..<positions {
          if c <= EngineTuning.shallowProductDepth {
            ShallowProduct.multiply(
              m: o, n: tiles, k: c, a: u + xi * o * c, lda: c, b: v + xi * vStride, ldb: tiles, c: m + xi * mStride,
              ldc: tiles)
          } else {
            gemm(
              transposeA: false, transposeB: false, m: o, n: tiles, k: c, a: u + xi * o * c, lda: c,
              b: v + xi * vStride, ldb: tiles, c: m + xi * mStride, ldc: tiles, parallel: workers == 1)
          }
        }
        if inPlace {
          outputTransform(m, stride: mStride, images: b, channels: o, l, bias: bias, into: y + n0 * o * outPlane)
          continue
        }
        outputTransform(m, stride: mStride, images: b, channels: o, l, bias: bias, into: block)
        // Drop the rounding of the last tiles: copy each output row out of its block (through the
        // epilogue's map, if any; its means once every plane of the chunk is written, since
        // reading a plane back across rows just stored stalls on store forwarding).
        for p in 0..<(b * o) {
          let src = block + p * l.blockHeight * l.blockWidth
          let dst = y + (n0 * o + p) * outPlane
          for r in 0..<l.outputHeight {
            let (from, to) = (src + r * l.blockWidth, dst + r * l.outputWidth)
            if let epilogue { epilogue.apply(from, into: to, count: l.outputWidth, channel: p % o) } else {
              copyRun(from, to, l.outputWidth)
            }
          }
        }
        epilogue?.takeMeans(y + n0 * o * outPlane, planes: b * o, count: outPlane, index: n0 * o)
      }
    }
    if workers > 1 {
      Parallel.withSingleThreadedBLAS { Parallel.run(workers, body) }
    } else {
      body(0)
    }
  }

  /// The filter gradient `dw [O, C, 3, 3]` (overwritten) from inputs `x [N, C, H, W]` and output gradients `dy`.
  static func filterGradient(
    _ x: UnsafePointer<Float>, batch: Int, channels c: Int, height: Int, width: Int, pad: Int,
    outputGradient dy: UnsafePointer<Float>, outChannels o: Int, into dw: UnsafeMutablePointer<Float>
  ) {
    let l = Layout(height: height, width: width, pad: pad)
    let (chunk, chunks, workers) = chunking(channels: c, outChannels: o, l, batch: batch)
    let inPlane = height * width
    let outPlane = l.outputHeight * l.outputWidth
    let sums = UnsafeMutablePointer<Float>.allocate(capacity: workers * positions * o * c)
    defer { sums.deallocate() }
    let body = { (worker: Int) in
      let maxTiles = chunk * l.tilesPerImage
      let vStride = c * maxTiles + 8
      let uStride = o * maxTiles + 8
      let padded = UnsafeMutablePointer<Float>.allocate(capacity: chunk * c * l.paddedHeight * l.paddedWidth + 32)
      let gradientBlock = UnsafeMutablePointer<Float>.allocate(
        capacity: l.inPlace ? 0 : chunk * o * l.blockHeight * l.blockWidth + 32)
      let v = UnsafeMutablePointer<Float>.allocate(capacity: positions * vStride)
      let u = UnsafeMutablePointer<Float>.allocate(capacity: positions * uStride)
      defer {
        padded.deallocate()
        gradientBlock.deallocate()
        v.deallocate()
        u.deallocate()
      }
      let s = sums + worker * positions * o * c
      s.update(repeating: 0, count: positions * o * c)
      for chunkIndex in Swift.stride(from: worker, to: chunks, by: workers) {
        let n0 = chunkIndex * chunk
        let b = Swift.min(chunk, batch - n0)
        if b <= 0 { break }
        let tiles = b * l.tilesPerImage
        padForTiles(x + n0 * c * inPlane, planes: b * c, l, into: padded)
        inputTransform(padded, images: b, channels: c, l, into: v, stride: vStride)
        // Output gradients on whole tiles, zero beyond the output's edge (read where they lie
        // when the output is whole tiles).
        if l.inPlace {
          gradientTransform(dy + n0 * o * outPlane, images: b, channels: o, l, into: u, stride: uStride)
        } else {
          fillBlocks(dy + n0 * o * outPlane, planes: b * o, l, into: gradientBlock)
          gradientTransform(gradientBlock, images: b, channels: o, l, into: u, stride: uStride)
        }
        for xi in 0..<positions {
          if workers > 1 && o <= EngineTuning.longProductDepth && c <= EngineTuning.longProductDepth {
            LongProduct.accumulate(
              m: o, n: c, k: tiles, a: u + xi * uStride, lda: tiles, b: v + xi * vStride, ldb: tiles,
              c: s + xi * o * c, ldc: c)
          } else {
            gemm(
              transposeA: false, transposeB: true, m: o, n: c, k: tiles, a: u + xi * uStride, lda: tiles,
              b: v + xi * vStride, ldb: tiles, beta: 1, c: s + xi * o * c, ldc: c, parallel: workers == 1)
          }
        }
      }
    }
    if workers > 1 {
      Parallel.withSingleThreadedBLAS { Parallel.run(workers, body) }
    } else {
      body(0)
    }
    for w in 1..<Swift.max(workers, 1) { addInPlace(sums, sums + w * positions * o * c, count: positions * o * c) }
    inverseFilterTransform(sums, outChannels: o, inChannels: c, into: dw)
  }
}
