extension Variable {
  /// Max pooling over NCHW windows (stride defaults to the window).
  public func maxPool2d(kernel: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)) throws
    -> Variable
  {
    let g = try Tensor.poolingGeometry(input: shape, kernel: kernel, stride: stride ?? kernel, padding: padding)
    // Off the tape nothing reads the positions of the maxima.
    guard isTracked else { return Variable(Tensor.maxPool2dValues(value, geometry: g)) }
    let (y, indices) = Tensor.maxPool2d(value, geometry: g)
    let (id, shape) = (self.id, self.shape)
    return Variable.result(y, on: tape) { tape, dy in
      tape.accumulate(Tensor.maxPool2dBackward(dy, indices: indices, inputShape: shape), into: id)
    }
  }

  /// Average pooling over NCHW windows (padded zeros count, as PyTorch's default).
  public func avgPool2d(kernel: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)) throws
    -> Variable
  {
    let g = try Tensor.poolingGeometry(input: shape, kernel: kernel, stride: stride ?? kernel, padding: padding)
    let (id, shape) = (self.id, self.shape)
    return Variable.result(Tensor.avgPool2d(value, geometry: g), on: tape) { tape, dy in
      tape.accumulate(Tensor.avgPool2dBackward(dy, geometry: g, inputShape: shape), into: id)
    }
  }

  /// Adaptive average pooling of NCHW data to an `outputSize` grid.
  public func adaptiveAvgPool2d(outputSize: (Int, Int)) throws -> Variable {
    let (id, shape) = (self.id, self.shape)
    return Variable.result(try Tensor.adaptiveAvgPool2d(value, outputSize: outputSize), on: tape) { tape, dy in
      tape.accumulate(Tensor.adaptiveAvgPool2dBackward(dy, inputShape: shape), into: id)
    }
  }
}
