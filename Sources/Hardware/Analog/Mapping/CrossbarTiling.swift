/// How a weight matrix `[outputs, inputs]` is laid out over crossbar tiles.
///
/// Inputs drive the rows (word lines) and each output is read on a column (bit line), so
/// the matrix occupies `ceil(inputs / rows)` tiles down and `ceil(outputs / columns)` tiles
/// across. A tile is a differential pair of `rows x columns` arrays (one for `G+`, one for
/// `G-`) whose column currents are subtracted before conversion. Tiles are not shared
/// between layers; the last row and column of tiles may be partly empty.
public struct CrossbarTiling: Equatable, Sendable {
  /// One tile: which inputs and outputs of the matrix it holds.
  public struct Tile: Equatable, Sendable {
    /// The tile's position down the matrix (which block of inputs).
    public var rowTile: Int
    /// The tile's position across the matrix (which block of outputs).
    public var columnTile: Int
    /// The matrix inputs on the tile's rows.
    public var inputs: Range<Int>
    /// The matrix outputs on the tile's columns.
    public var outputs: Range<Int>

    /// Creates a tile record.
    public init(rowTile: Int, columnTile: Int, inputs: Range<Int>, outputs: Range<Int>) {
      self.rowTile = rowTile
      self.columnTile = columnTile
      self.inputs = inputs
      self.outputs = outputs
    }
  }

  /// The matrix's outputs (rows of the weight matrix, columns of the crossbar).
  public let outputs: Int
  /// The matrix's inputs (columns of the weight matrix, rows of the crossbar).
  public let inputs: Int
  /// Rows per tile.
  public let tileRows: Int
  /// Columns per tile.
  public let tileColumns: Int

  /// Lays out a matrix `[outputs, inputs]` over tiles of `tileRows x tileColumns`.
  public init(outputs: Int, inputs: Int, tileRows: Int, tileColumns: Int) {
    precondition(outputs >= 0 && inputs >= 0 && tileRows > 0 && tileColumns > 0, "invalid tiling")
    self.outputs = outputs
    self.inputs = inputs
    self.tileRows = tileRows
    self.tileColumns = tileColumns
  }

  /// Lays out a matrix over the tiles of `configuration`.
  public init(outputs: Int, inputs: Int, configuration: CrossbarConfiguration) {
    self.init(outputs: outputs, inputs: inputs, tileRows: configuration.rows, tileColumns: configuration.columns)
  }

  /// Tiles down the matrix: `ceil(inputs / tileRows)`.
  public var rowTiles: Int { (inputs + tileRows - 1) / tileRows }
  /// Tiles across the matrix: `ceil(outputs / tileColumns)`.
  public var columnTiles: Int { (outputs + tileColumns - 1) / tileColumns }
  /// All tiles.
  public var tileCount: Int { rowTiles * columnTiles }

  /// The inputs on the rows of the tiles at position `rowTile` down the matrix.
  public func inputRange(ofRowTile rowTile: Int) -> Range<Int> {
    (rowTile * tileRows)..<Swift.min((rowTile + 1) * tileRows, inputs)
  }

  /// The outputs on the columns of the tiles at position `columnTile` across the matrix.
  public func outputRange(ofColumnTile columnTile: Int) -> Range<Int> {
    (columnTile * tileColumns)..<Swift.min((columnTile + 1) * tileColumns, outputs)
  }

  /// Every tile, row of tiles by row of tiles.
  public var tiles: [Tile] {
    (0..<rowTiles).flatMap { r in
      (0..<columnTiles).map { c in
        Tile(rowTile: r, columnTile: c, inputs: inputRange(ofRowTile: r), outputs: outputRange(ofColumnTile: c))
      }
    }
  }

  /// Devices in the tiles: two per cell (the differential pair).
  public var deviceCount: Int { 2 * tileCount * tileRows * tileColumns }
  /// Devices that hold a weight: two per weight.
  public var usedDeviceCount: Int { 2 * outputs * inputs }
  /// The fraction of devices that hold a weight (0 for an empty matrix).
  public var utilization: Double {
    deviceCount == 0 ? 0 : Double(usedDeviceCount) / Double(deviceCount)
  }
  /// Analog-to-digital conversions per input vector: one per used column of every tile.
  public var conversionsPerVector: Int { rowTiles * outputs }
}
