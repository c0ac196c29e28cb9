extension Tensor {
  /// The same elements with another shape of the same element count; one extent may be -1 (inferred).
  public func reshaped(to newShape: [Int]) throws -> Tensor {
    var resolved = newShape
    let known = newShape.filter { $0 != -1 }.reduce(1, *)
    let unknown = newShape.filter { $0 == -1 }.count
    if unknown > 1 || newShape.contains(where: { $0 < -1 }) {
      throw TensorError.invalidArgument("cannot reshape to \(newShape)")
    }
    if unknown == 1, let i = newShape.firstIndex(of: -1) {
      guard known > 0, count % known == 0 else {
        throw TensorError.shapeMismatch("cannot reshape \(shape) to \(newShape)")
      }
      resolved[i] = count / known
    }
    guard resolved.reduce(1, *) == count else {
      throw TensorError.shapeMismatch("cannot reshape \(shape) (\(count) elements) to \(newShape)")
    }
    var result = self
    result.shape = resolved
    return result
  }

  /// The same elements with a shape known to hold them (an invariant of the caller).
  func reshapedUnchecked(_ newShape: [Int]) -> Tensor {
    precondition(newShape.reduce(1, *) == count, "reshape \(shape) to \(newShape)")
    var result = self
    result.shape = newShape
    return result
  }

  /// Collapses every dimension from `startAxis` on into one (`[N, C, H, W]` -> `[N, C*H*W]`).
  public func flattened(fromAxis startAxis: Int = 1) -> Tensor {
    let start = Swift.min(startAxis, rank)
    return reshapedUnchecked(Array(shape[0..<start]) + [shape[start...].reduce(1, *)])
  }

  /// The transpose of a matrix.
  public func transposed() -> Tensor {
    precondition(rank == 2, "transposed() needs a matrix, got \(shape)")
    let rows = shape[0]
    let cols = shape[1]
    return Tensor(shape: [cols, rows]) { out, _ in
      withPointer { x in transpose(x, rows: rows, columns: cols, into: out) }
    }
  }

  /// The dimensions reordered: result dimension `i` is dimension `axes[i]` of this tensor.
  public func permuted(_ axes: [Int]) throws -> Tensor {
    guard axes.sorted() == Array(0..<rank) else {
      throw TensorError.invalidArgument("permutation \(axes) of a rank-\(rank) tensor")
    }
    let newShape = axes.map { shape[$0] }
    var strides = [Int](repeating: 1, count: rank)
    for d in stride(from: rank - 2, through: 0, by: -1) { strides[d] = strides[d + 1] * shape[d + 1] }
    let srcStrides = axes.map { strides[$0] }
    // Keep the innermost result dimension as the inner loop; it is contiguous in the
    // common case of permutations that leave the last axis in place.
    return Tensor(shape: newShape) { out, n in
      guard n > 0 else { return }
      withPointer { x in
        let inner = newShape.last ?? 1
        let innerStride = srcStrides.last ?? 1
        let outerRank = Swift.max(rank - 1, 0)
        var index = [Int](repeating: 0, count: outerRank)
        var src = 0
        var dst = 0
        while dst < n {
          for i in 0..<inner { out[dst + i] = x[src + i * innerStride] }
          dst += inner
          var d = outerRank - 1
          while d >= 0 {
            index[d] += 1
            src += srcStrides[d]
            if index[d] < newShape[d] { break }
            src -= srcStrides[d] * newShape[d]
            index[d] = 0
            d -= 1
          }
        }
      }
    }
  }

  /// Joins tensors along `axis`; all other extents must agree.
  public static func concatenate(_ tensors: [Tensor], alongAxis axis: Int) throws -> Tensor {
    guard let first = tensors.first else { throw TensorError.invalidArgument("concatenate of no tensors") }
    guard (0..<first.rank).contains(axis) else {
      throw TensorError.invalidArgument("axis \(axis) out of range for shape \(first.shape)")
    }
    for t in tensors {
      var a = t.shape
      var b = first.shape
      guard a.count == b.count else { throw TensorError.shapeMismatch("concatenate \(t.shape) with \(first.shape)") }
      a[axis] = 0
      b[axis] = 0
      guard a == b else {
        throw TensorError.shapeMismatch("concatenate \(t.shape) with \(first.shape) along axis \(axis)")
      }
    }
    var shape = first.shape
    shape[axis] = tensors.reduce(0) { $0 + $1.shape[axis] }
    let outer = shape[0..<axis].reduce(1, *)
    let inner = shape[(axis + 1)...].reduce(1, *)
    let rowOut = shape[axis] * inner
    return Tensor(shape: shape) { out, _ in
      var offset = 0
      for t in tensors {
        let row = t.shape[axis] * inner
        t.withPointer { x in
          for o in 0..<outer { (out + o * rowOut + offset).update(from: x + o * row, count: row) }
        }
        offset += row
      }
    }
  }

  /// Splits along `axis` into pieces of the given extents (the inverse of `concatenate`).
  public func split(alongAxis axis: Int, sizes: [Int]) -> [Tensor] {
    precondition(sizes.reduce(0, +) == shape[axis], "split sizes \(sizes) of axis \(axis) in \(shape)")
    let (outer, length, inner) = axisExtents(axis)
    var pieces = [Tensor]()
    var offset = 0
    for size in sizes {
      var pieceShape = shape
      pieceShape[axis] = size
      let row = size * inner
      let start = offset
      pieces.append(
        Tensor(shape: pieceShape) { out, _ in
          withPointer { x in
            for o in 0..<outer { (out + o * row).update(from: x + o * length * inner + start * inner, count: row) }
          }
        })
      offset += size
    }
    return pieces
  }

  /// Removes the examples at `rows` (indices along axis 0) in place, by moving the last kept
  /// examples into the places they leave, so it copies only as many examples as it removes (a
  /// gather of the kept ones copies all of them). The kept examples change order: the result
  /// gives, for each example left, the row it came from.
  public mutating func removeRows(_ rows: Set<Int>) throws -> [Int] {
    guard rank >= 1 else { throw TensorError.invalidArgument("removeRows of a scalar") }
    let n = shape[0]
    guard rows.allSatisfy({ (0..<n).contains($0) }) else {
      throw TensorError.invalidArgument("row out of range 0..<\(n) in \(rows.sorted())")
    }
    let kept = n - rows.count
    var order = Array(0..<kept)
    // The holes the removed rows leave below `kept`, filled by the kept rows at or above it.
    let holes = rows.filter { $0 < kept }.sorted()
    let donors = (kept..<n).filter { !rows.contains($0) }
    let inner = n == 0 ? 0 : count / n
    withMutablePointer { x in
      for (hole, donor) in zip(holes, donors) {
        (x + hole * inner).update(from: x + donor * inner, count: inner)
        order[hole] = donor
      }
    }
    scalars.removeLast(rows.count * inner)
    shape[0] = kept
    return order
  }

  /// The slices at `indices` along `axis`, in that order (e.g. chosen channels of NCHW).
  public func indexSelect(alongAxis axis: Int, indices: [Int]) throws -> Tensor {
    guard (0..<rank).contains(axis) else {
      throw TensorError.invalidArgument("axis \(axis) out of range for shape \(shape)")
    }
    guard indices.allSatisfy({ (0..<shape[axis]).contains($0) }) else {
      throw TensorError.invalidArgument("index out of range 0..<\(shape[axis]) in \(indices)")
    }
    let (outer, length, inner) = axisExtents(axis)
    var newShape = shape
    newShape[axis] = indices.count
    return Tensor(shape: newShape) { out, _ in
      withPointer { x in
        var dst = out
        for o in 0..<outer {
          for i in indices {
            dst.update(from: x + (o * length + i) * inner, count: inner)
            dst += inner
          }
        }
      }
    }
  }

  /// Adds this tensor's slices into the slices at `indices` along `axis` of a zero tensor of `shape`.
  ///
  /// The adjoint of `indexSelect`; repeated indices accumulate.
  func indexAdd(alongAxis axis: Int, indices: [Int], intoShape target: [Int]) -> Tensor {
    var result = Tensor(zeros: target)
    let outer = target[0..<axis].reduce(1, *)
    let length = target[axis]
    let inner = target[(axis + 1)...].reduce(1, *)
    withPointer { g in
      result.withMutablePointer { r in
        var src = g
        for o in 0..<outer {
          for i in indices {
            addInPlace(r + (o * length + i) * inner, src, count: inner)
            src += inner
          }
        }
      }
    }
    return result
  }

  /// Every `stride`-th row and column of an NCHW tensor, starting at 0 (`x[:, :, ::s, ::s]`).
  public func downsampled(stride s: Int) -> Tensor {
    precondition(rank == 4 && s >= 1, "downsampled needs NCHW and a positive stride")
    let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
    let oh = (h + s - 1) / s
    let ow = (w + s - 1) / s
    return Tensor(shape: [n, c, oh, ow]) { out, _ in
      withPointer { x in
        for p in 0..<(n * c) {
          let src = x + p * h * w
          let dst = out + p * oh * ow
          for i in 0..<oh { for j in 0..<ow { dst[i * ow + j] = src[i * s * w + j * s] } }
        }
      }
    }
  }

  /// The adjoint of `downsampled`: spreads an NCHW gradient back onto the full grid.
  func upsampledAdjoint(stride s: Int, height h: Int, width w: Int) -> Tensor {
    let (n, c, oh, ow) = (shape[0], shape[1], shape[2], shape[3])
    var result = Tensor(zeros: [n, c, h, w])
    withPointer { g in
      result.withMutablePointer { r in
        for p in 0..<(n * c) {
          let src = g + p * oh * ow
          let dst = r + p * h * w
          for i in 0..<oh { for j in 0..<ow { dst[i * s * w + j * s] = src[i * ow + j] } }
        }
      }
    }
    return result
  }
}

/// Cache-blocked matrix transpose.
func transpose(_ x: UnsafePointer<Float>, rows: Int, columns: Int, into out: UnsafeMutablePointer<Float>) {
  let block = 32
  var i0 = 0
  while i0 < rows {
    let i1 = Swift.min(i0 + block, rows)
    var j0 = 0
    while j0 < columns {
      let j1 = Swift.min(j0 + block, columns)
      for i in i0..<i1 { for j in j0..<j1 { out[j * rows + i] = x[i * columns + j] } }
      j0 = j1
    }
    i0 = i1
  }
}
