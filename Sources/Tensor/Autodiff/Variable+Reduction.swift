extension Variable {
  /// The sum of all elements, shape `[]`.
  public func sum() -> Variable {
    let (id, shape) = (self.id, self.shape)
    return Variable.result(value.sum(), on: tape) { tape, g in
      tape.accumulate(Tensor(shape: shape, repeating: g.scalar), into: id)
    }
  }

  /// The mean of all elements, shape `[]`.
  public func mean() -> Variable {
    let (id, shape) = (self.id, self.shape)
    let n = Float(Swift.max(value.count, 1))
    return Variable.result(value.mean(), on: tape) { tape, g in
      tape.accumulate(Tensor(shape: shape, repeating: g.scalar / n), into: id)
    }
  }

  /// The sum along `axis` (negative counts from the end).
  public func sum(alongAxis axis: Int, keepingDimension: Bool = false) throws -> Variable {
    let a = try value.normalizedAxis(axis)
    let (id, shape) = (self.id, self.shape)
    var kept = shape
    kept[a] = 1
    return Variable.result(value.sum(alongAxis: a, keepingDimension: keepingDimension), on: tape) { tape, g in
      // Broadcasting the kept-dimension gradient back over the axis.
      tape.accumulate(Tensor.combineOrFail(g.reshapedUnchecked(kept), Tensor(zeros: shape), .add), into: id)
    }
  }

  /// The mean along `axis`.
  public func mean(alongAxis axis: Int, keepingDimension: Bool = false) throws -> Variable {
    let a = try value.normalizedAxis(axis)
    return try sum(alongAxis: a, keepingDimension: keepingDimension) * (1 / Float(Swift.max(shape[a], 1)))
  }

  /// The maximum along `axis`; the gradient flows to the (first) maximal element.
  public func max(alongAxis axis: Int, keepingDimension: Bool = false) throws -> Variable {
    let a = try value.normalizedAxis(axis)
    let (values, indices) = value.max(alongAxis: a, keepingDimension: keepingDimension)
    let (id, shape) = (self.id, self.shape)
    let (outer, length, inner) = value.axisExtents(a)
    return Variable.result(values, on: tape) { tape, g in
      var dx = Tensor(zeros: shape)
      dx.withMutablePointer { d in
        g.withPointer { pg in
          for o in 0..<outer {
            for i in 0..<inner { d[(o * length + indices[o * inner + i]) * inner + i] += pg[o * inner + i] }
          }
        }
      }
      tape.accumulate(dx, into: id)
    }
  }
}
