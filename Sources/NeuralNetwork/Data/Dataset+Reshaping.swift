import Tensor

extension Dataset {
  /// The image layout `[count, channels, height, width]`, or an error naming `operation` for other ranks.
  func imageLayout(for operation: String) throws -> (count: Int, channels: Int, height: Int, width: Int) {
    let shape = inputs.shape
    guard shape.count == 4 else {
      throw DataError(.invalidArgument, message: "\(operation): needs images [count, channels, height, width], the inputs are \(shape)")
    }
    return (shape[0], shape[1], shape[2], shape[3])
  }

  /// The images framed by zeros to `side` x `side`, centred (LeNet-style 28 -> 32).
  public func padded(toSide side: Int) throws -> Dataset {
    let (n, c, h, w) = try imageLayout(for: "pad")
    guard side >= h, side >= w else {
      throw DataError(.invalidArgument, message: "pad: target side \(side) is smaller than the images (\(h)x\(w))")
    }
    let top = (side - h) / 2
    let left = (side - w) / 2
    var out = [Float](repeating: 0, count: n * c * side * side)
    inputs.scalars.withUnsafeBufferPointer { source in
      out.withUnsafeMutableBufferPointer { target in
        for plane in 0..<(n * c) {
          for y in 0..<h {
            let from = plane * h * w + y * w
            let to = plane * side * side + (y + top) * side + left
            for x in 0..<w { target[to + x] = source[from + x] }
          }
        }
      }
    }
    return replacingInputs(Tensor(shape: [n, c, side, side], scalars: out))
  }

  /// The images shrunk by averaging non-overlapping `factor` x `factor` windows (28 -> 14 for factor 2).
  public func averagePooled(factor: Int) throws -> Dataset {
    let (n, c, h, w) = try imageLayout(for: "downsample")
    guard factor >= 1, h % factor == 0, w % factor == 0 else {
      throw DataError(.invalidArgument, message: "downsample: factor \(factor) does not divide the image size \(h)x\(w)")
    }
    let oh = h / factor
    let ow = w / factor
    let scale = 1 / Float(factor * factor)
    var out = [Float](repeating: 0, count: n * c * oh * ow)
    inputs.scalars.withUnsafeBufferPointer { source in
      out.withUnsafeMutableBufferPointer { target in
        for plane in 0..<(n * c) {
          let base = plane * h * w
          let outBase = plane * oh * ow
          for y in 0..<h {
            let row = outBase + (y / factor) * ow
            for x in 0..<w { target[row + x / factor] += source[base + y * w + x] }
          }
          for i in outBase..<(outBase + oh * ow) { target[i] *= scale }
        }
      }
    }
    return replacingInputs(Tensor(shape: [n, c, oh, ow], scalars: out))
  }

  /// The images averaged down to `side` x `side` (14 or 7 from 28; 16 or 8 from 32).
  public func downsampled(toSide side: Int) throws -> Dataset {
    let (_, _, h, w) = try imageLayout(for: "downsample")
    guard side >= 1, h == w, h % side == 0 else {
      throw DataError(.invalidArgument, message: "downsample: \(h)x\(w) images cannot be averaged down to \(side)x\(side)")
    }
    return try averagePooled(factor: h / side)
  }

  /// Each example as one vector, `[count, features]`, for multilayer perceptrons.
  public func flattened() -> Dataset {
    let features = count == 0 ? inputs.shape.dropFirst().reduce(1, *) : inputs.count / count
    return replacingInputs(Tensor(shape: [count, features], scalars: inputs.scalars))
  }

  /// The same labels and classes with other inputs.
  func replacingInputs(_ newInputs: Tensor) -> Dataset {
    Dataset(inputs: newInputs, labels: labels, classCount: classCount, classNames: classNames)
  }
}
