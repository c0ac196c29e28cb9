extension Variable {
  /// The same elements with another shape (one extent may be -1).
  public func reshaped(to newShape: [Int]) throws -> Variable {
    let (id, shape) = (self.id, self.shape)
    return Variable.result(try value.reshaped(to: newShape), on: tape) { tape, g in
      tape.accumulate(g.reshapedUnchecked(shape), into: id)
    }
  }

  /// Collapses every dimension from `startAxis` on into one.
  public func flattened(fromAxis startAxis: Int = 1) -> Variable {
    let (id, shape) = (self.id, self.shape)
    return Variable.result(value.flattened(fromAxis: startAxis), on: tape) { tape, g in
      tape.accumulate(g.reshapedUnchecked(shape), into: id)
    }
  }

  /// The transpose of a matrix.
  public func transposed() -> Variable {
    let id = self.id
    return Variable.result(value.transposed(), on: tape) { tape, g in tape.accumulate(g.transposed(), into: id) }
  }

  /// The dimensions reordered: result dimension `i` is dimension `axes[i]`.
  public func permuted(_ axes: [Int]) throws -> Variable {
    let id = self.id
    var inverse = [Int](repeating: 0, count: axes.count)
    for (i, a) in axes.enumerated() where a >= 0 && a < axes.count { inverse[a] = i }
    let value = try self.value.permuted(axes)
    return Variable.result(value, on: tape) { tape, g in
      // The inverse of a valid permutation is valid.
      if let back = try? g.permuted(inverse) { tape.accumulate(back, into: id) }
    }
  }

  /// Joins variables along `axis`.
  public static func concatenate(_ parts: [Variable], alongAxis axis: Int) throws -> Variable {
    let value = try Tensor.concatenate(parts.map(\.value), alongAxis: axis)
    var tape: Tape? = nil
    for p in parts where p.tape != nil {
      precondition(tape == nil || tape === p.tape, "operands recorded on different tapes")
      tape = p.tape
    }
    let ids = parts.map(\.id)
    let sizes = parts.map { $0.shape[axis] }
    return result(value, on: tape) { tape, g in
      for (piece, id) in zip(g.split(alongAxis: axis, sizes: sizes), ids) { tape.accumulate(piece, into: id) }
    }
  }

  /// The slices at `indices` along `axis` (e.g. chosen channels).
  public func indexSelect(alongAxis axis: Int, indices: [Int]) throws -> Variable {
    let (id, shape) = (self.id, self.shape)
    return Variable.result(try value.indexSelect(alongAxis: axis, indices: indices), on: tape) { tape, g in
      tape.accumulate(g.indexAdd(alongAxis: axis, indices: indices, intoShape: shape), into: id)
    }
  }

  /// Every `stride`-th row and column of NCHW data (`x[:, :, ::s, ::s]`).
  public func downsampled(stride: Int) throws -> Variable {
    guard rankIsImage, stride >= 1 else {
      throw TensorError.invalidArgument("downsampled(stride: \(stride)) of shape \(shape)")
    }
    let (id, h, w) = (self.id, shape[2], shape[3])
    return Variable.result(value.downsampled(stride: stride), on: tape) { tape, g in
      tape.accumulate(g.upsampledAdjoint(stride: stride, height: h, width: w), into: id)
    }
  }

  /// Zero channels added before and after the existing ones of NCHW data.
  public func paddingChannels(before: Int, after: Int) throws -> Variable {
    guard rankIsImage, before >= 0, after >= 0 else {
      throw TensorError.invalidArgument("paddingChannels(\(before), \(after)) of shape \(shape)")
    }
    var parts = [Variable]()
    var zerosShape = shape
    if before > 0 {
      zerosShape[1] = before
      parts.append(Variable(Tensor(zeros: zerosShape)))
    }
    parts.append(self)
    if after > 0 {
      zerosShape[1] = after
      parts.append(Variable(Tensor(zeros: zerosShape)))
    }
    return try Variable.concatenate(parts, alongAxis: 1)
  }

  var rankIsImage: Bool { shape.count == 4 }
}
