extension Tensor {
  /// The extents of this tensor seen as rows along its last axis.
  var rowExtents: (rows: Int, width: Int) {
    let width = shape.last ?? 1
    return (count / Swift.max(width, 1), width)
  }

  /// Log-softmax along the last axis, computed stably (the row maximum is subtracted first).
  public func logSoftmax() -> Tensor {
    let (rows, width) = rowExtents
    return Tensor(shape: shape) { out, _ in
      withPointer { x in
        for r in 0..<rows {
          let src = x + r * width
          let dst = out + r * width
          let top = vectorMax(src, count: width)
          var total: Float = 0
          for i in 0..<width { total += _expf(src[i] - top) }
          let shift = top + _logf(total)
          for i in 0..<width { dst[i] = src[i] - shift }
        }
      }
    }
  }

  /// Softmax along the last axis.
  public func softmax() -> Tensor {
    let (rows, width) = rowExtents
    return Tensor(shape: shape) { out, _ in
      withPointer { x in
        for r in 0..<rows {
          let src = x + r * width
          let dst = out + r * width
          let top = vectorMax(src, count: width)
          var total: Float = 0
          for i in 0..<width {
            let e = _expf(src[i] - top)
            dst[i] = e
            total += e
          }
          let inv = 1 / total
          for i in 0..<width { dst[i] *= inv }
        }
      }
    }
  }

  /// The adjoint of softmax along the last axis: `y * (dy - sum(dy * y))` per row.
  static func softmaxBackward(output y: Tensor, outputGradient dy: Tensor) -> Tensor {
    let (rows, width) = y.rowExtents
    return Tensor(shape: y.shape) { out, _ in
      y.withPointer { py in
        dy.withPointer { pg in
          for r in 0..<rows {
            let off = r * width
            let s = Float(vectorDot(pg + off, py + off, count: width))
            for i in 0..<width { out[off + i] = py[off + i] * (pg[off + i] - s) }
          }
        }
      }
    }
  }

  /// The adjoint of log-softmax along the last axis: `dy - softmax * sum(dy)` per row.
  static func logSoftmaxBackward(output y: Tensor, outputGradient dy: Tensor) -> Tensor {
    let (rows, width) = y.rowExtents
    return Tensor(shape: y.shape) { out, _ in
      y.withPointer { py in
        dy.withPointer { pg in
          for r in 0..<rows {
            let off = r * width
            let s = Float(vectorSum(pg + off, count: width))
            for i in 0..<width { out[off + i] = pg[off + i] - _expf(py[off + i]) * s }
          }
        }
      }
    }
  }
}
