extension Tensor {
  /// Splits the shape around `axis` into `(outer, length, inner)` extents.
  func axisExtents(_ axis: Int) -> (outer: Int, length: Int, inner: Int) {
    precondition((0..<rank).contains(axis), "axis \(axis) out of range for shape \(shape)")
    let outer = shape[0..<axis].reduce(1, *)
    let inner = shape[(axis + 1)...].reduce(1, *)
    return (outer, shape[axis], inner)
  }

  /// Normalises a possibly negative axis, or throws.
  public func normalizedAxis(_ axis: Int) throws -> Int {
    let a = axis < 0 ? axis + rank : axis
    guard (0..<rank).contains(a) else {
      throw TensorError.invalidArgument("axis \(axis) out of range for shape \(shape)")
    }
    return a
  }

  /// The sum of all elements (accumulated in double precision per run), as a tensor of shape `[]`.
  public func sum() -> Tensor {
    Tensor(Float(withPointer { vectorSum($0, count: count) }))
  }

  /// The mean of all elements, as a tensor of shape `[]`.
  public func mean() -> Tensor {
    Tensor(Float(withPointer { vectorSum($0, count: count) } / Double(Swift.max(count, 1))))
  }

  /// The sum along `axis`; the axis is kept with extent 1 when `keepingDimension`.
  public func sum(alongAxis axis: Int, keepingDimension: Bool = false) -> Tensor {
    let (outer, length, inner) = axisExtents(axis)
    var outShape = shape
    if keepingDimension { outShape[axis] = 1 } else { outShape.remove(at: axis) }
    var result = Tensor(zeros: outShape)
    withPointer { x in
      result.withMutablePointer { r in
        for o in 0..<outer {
          let base = x + o * length * inner
          if inner == 1 {
            r[o] = Float(vectorSum(base, count: length))
          } else {
            for j in 0..<length { addInPlace(r + o * inner, base + j * inner, count: inner) }
          }
        }
      }
    }
    return result
  }

  /// The mean along `axis`.
  public func mean(alongAxis axis: Int, keepingDimension: Bool = false) -> Tensor {
    let length = shape[axis]
    return sum(alongAxis: axis, keepingDimension: keepingDimension) * (1 / Float(Swift.max(length, 1)))
  }

  /// The maximum along `axis` and, for each result element, the index along `axis` where it occurs.
  public func max(alongAxis axis: Int, keepingDimension: Bool = false) -> (values: Tensor, indices: [Int]) {
    let (outer, length, inner) = axisExtents(axis)
    precondition(length > 0, "max over an empty axis")
    var outShape = shape
    if keepingDimension { outShape[axis] = 1 } else { outShape.remove(at: axis) }
    var indices = [Int](repeating: 0, count: outer * inner)
    var values = Tensor(zeros: outShape)
    withPointer { x in
      values.withMutablePointer { v in
        indices.withUnsafeMutableBufferPointer { idx in
          for o in 0..<outer {
            let base = x + o * length * inner
            let vo = v + o * inner
            for i in 0..<inner { vo[i] = base[i] }
            for j in 1..<Swift.max(length, 1) {
              let row = base + j * inner
              for i in 0..<inner where row[i] > vo[i] {
                vo[i] = row[i]
                idx[o * inner + i] = j
              }
            }
          }
        }
      }
    }
    return (values, indices)
  }

  /// The index of the largest element along `axis` (the first one on ties).
  public func argmax(alongAxis axis: Int) -> [Int] {
    max(alongAxis: axis).indices
  }

  /// The largest element.
  public func max() -> Float {
    withPointer { vectorMax($0, count: count) }
  }
}
