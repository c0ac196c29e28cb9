/// What one processing element sees while one weight tile streams through the array.
public struct ProcessingElementStream: Sendable {
  /// The tile's position along K (array rows) and N (array columns).
  public var rowTile: Int
  /// The tile's position along N.
  public var columnTile: Int
  /// The PE's row and column in the array.
  public var row: Int
  /// The PE's column.
  public var column: Int
  /// The weight the PE holds: `W[k][n]`.
  public var weight: Int
  /// The reduction index `k` and output index `n` of that weight.
  public var k: Int
  /// The output index.
  public var n: Int
  /// The activations that flow past, in order: `A[m][k]` for `m = 0 ..< M`.
  public var activations: [Int]
  /// The partial sums arriving from above, in the same order: the sum over the PE rows
  /// above it in this tile of `A[m][k'] * W[k'][n]`.
  public var partialSums: [Int]
}

extension SystolicArray {
  /// Calls `body` for every active PE of every tile of `activations (M x K) x weights (K x N)`,
  /// both row-major integer matrices, with the operand streams it sees.
  public func forEachProcessingElement(
    _ shape: GEMMShape, weights: [Int], activations: [Int], _ body: (ProcessingElementStream) throws -> Void
  ) throws {
    guard weights.count == shape.k * shape.n else {
      throw LogicError(.operandMismatch, "\(weights.count) weights for a \(shape.k) x \(shape.n) weight matrix")
    }
    guard activations.count == shape.m * shape.k else {
      throw LogicError(.operandMismatch, "\(activations.count) activations for a \(shape.m) x \(shape.k) activation matrix")
    }
    let plan = schedule(shape)
    for rowTile in 0..<plan.rowTiles {
      for columnTile in 0..<plan.columnTiles {
        for column in 0..<columns {
          let n = columnTile * columns + column
          guard n < shape.n else { continue }
          var partial = [Int](repeating: 0, count: shape.m)
          for row in 0..<rows {
            let k = rowTile * rows + row
            guard k < shape.k else { continue }
            let weight = weights[k * shape.n + n]
            let sequence = (0..<shape.m).map { activations[$0 * shape.k + k] }
            try body(ProcessingElementStream(
              rowTile: rowTile, columnTile: columnTile, row: row, column: column, weight: weight, k: k, n: n,
              activations: sequence, partialSums: partial))
            for m in 0..<shape.m { partial[m] += sequence[m] * weight }
          }
        }
      }
    }
  }
}
