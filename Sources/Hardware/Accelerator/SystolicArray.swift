/// A weight-stationary systolic array of `rows x columns` MAC units (TPU-like).
///
/// Each processing element (PE) holds one weight. Activation vectors enter at the left,
/// one row element per array row, skewed by one cycle per row, and move right one PE per
/// cycle; partial sums enter at the top as zero, move down one PE per cycle, and leave at
/// the bottom into accumulators that also add the partial results of successive K tiles.
/// A matrix product `M x K` times `K x N` is cut into `ceil(K / rows) x ceil(N / columns)`
/// weight tiles; a PE outside the valid part of a tile idles (clock-gated: no switching).
///
/// Cycles of one tile: the weights are shifted in from the top in `rows` cycles, then the
/// `M` activation vectors stream through. Vector `m` reaches PE `(r, c)` at cycle
/// `m + r + c` after streaming starts, so the last result leaves after
/// `M + rows + columns - 2` cycles (fill and drain included). With `.serial` weight loading
/// a tile takes `rows + M + rows + columns - 2` cycles and tiles do not overlap; with
/// `.doubleBuffered` weights the next tile's weights load while the current tile streams,
/// so the whole product takes `rows + T * max(M, rows) + rows + columns - 2` cycles for
/// `T` tiles.
public struct SystolicArray: Hashable, Sendable {
  /// How weights get into the array.
  public enum WeightLoading: String, Hashable, Sendable, CaseIterable {
    /// Load, then stream; no overlap between tiles.
    case serial
    /// Load the next tile's weights into shadow registers while the current tile streams.
    case doubleBuffered
  }

  /// Array rows (the reduction dimension K is spread over them).
  public let rows: Int
  /// Array columns (output channels N are spread over them).
  public let columns: Int
  /// How weights are loaded.
  public let weightLoading: WeightLoading

  /// Creates an array; both extents must be positive.
  public init(rows: Int, columns: Int, weightLoading: WeightLoading = .serial) throws {
    guard rows > 0, columns > 0 else {
      throw LogicError(.invalidParameter, "a systolic array needs positive extents, got \(rows) x \(columns)")
    }
    self.rows = rows
    self.columns = columns
    self.weightLoading = weightLoading
  }

  /// Tiles, cycles and utilisation of one matrix product.
  public struct Schedule: Hashable, Sendable {
    /// The matrix product.
    public var shape: GEMMShape
    /// Weight tiles along K (array rows).
    public var rowTiles: Int
    /// Weight tiles along N (array columns).
    public var columnTiles: Int
    /// All tiles.
    public var tiles: Int { rowTiles * columnTiles }
    /// Total cycles (see the type's documentation for the formula).
    public var cycles: Int
    /// Useful multiply-accumulates.
    public var macs: Int { shape.macs }
    /// Useful MACs over PE-cycles available: `macs / (rows * columns * cycles)`.
    public var utilisation: Double
  }

  /// The schedule of a matrix product on this array.
  public func schedule(_ shape: GEMMShape) -> Schedule {
    let rowTiles = (shape.k + rows - 1) / rows
    let columnTiles = (shape.n + columns - 1) / columns
    let tiles = rowTiles * columnTiles
    let drain = rows + columns - 2
    let cycles: Int
    switch weightLoading {
    case .serial: cycles = tiles * (rows + shape.m + drain)
    case .doubleBuffered: cycles = rows + tiles * max(shape.m, rows) + drain
    }
    return Schedule(
      shape: shape, rowTiles: rowTiles, columnTiles: columnTiles, cycles: cycles,
      utilisation: Double(shape.macs) / (Double(rows * columns) * Double(cycles)))
  }

  /// The schedule of a layer (lowered by im2col).
  public func schedule(_ layer: LayerShape) throws -> Schedule { schedule(try layer.gemm()) }
}
