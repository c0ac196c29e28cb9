import Tensor

/// The layer computations of a crossbar, tile by tile, with its converters.
///
/// Inputs pass the DACs (an elementwise quantisation, so it is the same whether applied to the
/// layer input or to each im2col patch); each tile's column currents are the partial sums over
/// the tile's inputs; each partial sum passes an ADC; the digital periphery adds the partial
/// sums of the tiles down a column and then the bias. Without converters the tiling does not
/// change the result and the whole product runs as one BLAS call.
extension CrossbarMapping {
  /// Matrix-vector products of a batch `x` `[M, inputs]`: `[M, outputs]`.
  ///
  /// `weights` defaults to ``nominalWeights``; pass a sample of ``sampledWeights(_:generator:)``
  /// to compute with varied devices. `bias` (`[outputs]`) is added digitally after the ADCs.
  public func multiply(
    _ x: Tensor, weights: Tensor? = nil, bias: Tensor? = nil, converters: CrossbarConverters = .ideal
  ) throws -> Tensor {
    let w = try matrix(weights)
    guard x.rank == 2, x.shape[1] == inputs else {
      throw CrossbarError(.shapeMismatch, "crossbar inputs must be [batch, \(inputs)], got \(x.shape)")
    }
    try checkBias(bias)
    let input = converters.dac?.convert(x) ?? x
    var y: Tensor
    if let adc = converters.adc {
      y = Tensor(zeros: [x.shape[0], outputs])
      for (xs, ws) in zip(rowTileSlices(input, axis: 1), rowTileSlices(w, axis: 1)) {
        var partial = try Tensor.matmul(xs, ws, transposeB: true)
        adc.convert(inPlace: &partial)
        y.add(partial)
      }
    } else {
      y = try Tensor.matmul(input, w, transposeB: true)
    }
    if let bias { y = y + (try bias.reshaped(to: [1, outputs])) }
    return y
  }

  /// The partial sums of each row of tiles for a batch `x` `[M, inputs]`, before the ADCs (for calibration).
  public func partialSums(_ x: Tensor, weights: Tensor? = nil) throws -> [Tensor] {
    let w = try matrix(weights)
    guard x.rank == 2, x.shape[1] == inputs else {
      throw CrossbarError(.shapeMismatch, "crossbar inputs must be [batch, \(inputs)], got \(x.shape)")
    }
    return try zip(rowTileSlices(x, axis: 1), rowTileSlices(w, axis: 1)).map { xs, ws in
      try Tensor.matmul(xs, ws, transposeB: true)
    }
  }

  /// A 2-D convolution of a batch `x` `[N, C, H, W]` with the mapped `[O, C, kh, kw]` weights.
  ///
  /// The crossbar computes the layer as im2col patches times the weight matrix; each row of
  /// tiles sees a contiguous block of patch positions (channel, kernel row, kernel column),
  /// which may start or end inside a channel.
  public func convolve(
    _ x: Tensor, weights: Tensor? = nil, bias: Tensor? = nil, stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0),
    converters: CrossbarConverters = .ideal
  ) throws -> Tensor {
    let w = try convolutionWeights(weights, input: x)
    try checkBias(bias)
    let input = converters.dac?.convert(x) ?? x
    guard let adc = converters.adc else {
      return try Tensor.conv2d(input, weight: w, bias: bias, stride: stride, padding: padding)
    }
    var y: Tensor?
    for rowTile in 0..<tiling.rowTiles {
      var partial = try tileConvolution(input, weights: w, rowTile: rowTile, stride: stride, padding: padding)
      adc.convert(inPlace: &partial)
      if y == nil { y = partial } else { y?.add(partial) }
    }
    // A mapping has at least one row of tiles (its matrix is non-empty).
    guard var out = y else { preconditionFailure("a crossbar mapping without tiles") }
    if let bias { out = out + (try bias.reshaped(to: [1, outputs, 1, 1])) }
    return out
  }

  /// The partial sums of each row of tiles of a convolution, before the ADCs (for calibration).
  public func partialSums(
    convolving x: Tensor, weights: Tensor? = nil, stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0)
  ) throws -> [Tensor] {
    let w = try convolutionWeights(weights, input: x)
    return try (0..<tiling.rowTiles).map { try tileConvolution(x, weights: w, rowTile: $0, stride: stride, padding: padding) }
  }

  // MARK: - Helpers

  /// The weights (nominal if nil) as the matrix `[outputs, inputs]`, checked against the mapping.
  private func matrix(_ weights: Tensor?) throws -> Tensor {
    let w = weights ?? nominalWeights
    guard w.shape == weightShape else {
      throw CrossbarError(.shapeMismatch, "weights \(w.shape) do not fit a crossbar mapped for \(weightShape)")
    }
    return try w.reshaped(to: [outputs, inputs])
  }

  /// The weights (nominal if nil) checked as convolution filters for the input `x`.
  private func convolutionWeights(_ weights: Tensor?, input x: Tensor) throws -> Tensor {
    let w = weights ?? nominalWeights
    guard weightShape.count == 4, w.shape == weightShape else {
      throw CrossbarError(.shapeMismatch, "weights \(w.shape) are not the convolution filters \(weightShape) this crossbar holds")
    }
    guard x.rank == 4, x.shape[1] == weightShape[1] else {
      throw CrossbarError(.shapeMismatch, "convolution input must be [N, \(weightShape[1]), H, W], got \(x.shape)")
    }
    return w
  }

  private func checkBias(_ bias: Tensor?) throws {
    if let bias, bias.shape != [outputs] {
      throw CrossbarError(.shapeMismatch, "bias must be [\(outputs)], got \(bias.shape)")
    }
  }

  /// `x` cut along `axis` into the blocks of inputs of each row of tiles.
  private func rowTileSlices(_ x: Tensor, axis: Int) -> [Tensor] {
    let sizes = (0..<tiling.rowTiles).map { tiling.inputRange(ofRowTile: $0).count }
    return sizes.count == 1 ? [x] : x.split(alongAxis: axis, sizes: sizes)
  }

  /// The convolution by the filter entries of one row of tiles: only the channels it touches,
  /// with the entries of those channels outside the tile zeroed.
  private func tileConvolution(
    _ x: Tensor, weights w: Tensor, rowTile: Int, stride: (Int, Int), padding: (Int, Int)
  ) throws -> Tensor {
    let patch = weightShape[2] * weightShape[3]
    let range = tiling.inputRange(ofRowTile: rowTile)
    let firstChannel = range.lowerBound / patch
    let endChannel = (range.upperBound + patch - 1) / patch
    let channels = Array(firstChannel..<endChannel)
    let whole = channels.count == weightShape[1]
    let xs = whole ? x : try x.indexSelect(alongAxis: 1, indices: channels)
    var ws = whole ? w : try w.indexSelect(alongAxis: 1, indices: channels)
    let local = (range.lowerBound - firstChannel * patch)..<(range.upperBound - firstChannel * patch)
    if local.count != channels.count * patch { ws = AnalogKernels.maskingInputs(ws, outside: local) }
    return try Tensor.conv2d(xs, weight: ws, stride: stride, padding: padding)
  }
}
