import Hardware
import Testing

@Suite("Crossbar tiling")
struct CrossbarTilingTests {
  /// A 300 x 200 matrix ([outputs, inputs]) on 128 x 128 tiles, counted by hand:
  /// inputs 200 = 128 + 72 -> 2 tiles down; outputs 300 = 128 + 128 + 44 -> 3 tiles across.
  @Test func tilesA300By200MatrixOn128By128Tiles() {
    let tiling = CrossbarTiling(outputs: 300, inputs: 200, tileRows: 128, tileColumns: 128)
    #expect(tiling.rowTiles == 2)
    #expect(tiling.columnTiles == 3)
    #expect(tiling.tileCount == 6)
    #expect(tiling.inputRange(ofRowTile: 0) == 0..<128)
    #expect(tiling.inputRange(ofRowTile: 1) == 128..<200)
    #expect(tiling.outputRange(ofColumnTile: 2) == 256..<300)
    // Two devices per cell: 6 tiles x 2 x 128 x 128 = 196,608 devices, 2 x 60,000 of them used.
    #expect(tiling.deviceCount == 196_608)
    #expect(tiling.usedDeviceCount == 120_000)
    #expect(abs(tiling.utilization - 120_000.0 / 196_608.0) < 1e-12)
    // One conversion per used column of each of the 2 tiles down: 2 x 300.
    #expect(tiling.conversionsPerVector == 600)
  }

  @Test func tilesCoverTheMatrixExactlyOnce() {
    let tiling = CrossbarTiling(outputs: 300, inputs: 200, tileRows: 128, tileColumns: 128)
    var covered = [[Int]](repeating: [Int](repeating: 0, count: 200), count: 300)
    for tile in tiling.tiles {
      #expect(tile.inputs.count <= 128 && tile.outputs.count <= 128)
      for o in tile.outputs { for i in tile.inputs { covered[o][i] += 1 } }
    }
    #expect(tiling.tiles.count == 6)
    #expect(covered.allSatisfy { $0.allSatisfy { $0 == 1 } })
  }

  @Test func aMatrixThatFitsUsesOneTile() {
    let tiling = CrossbarTiling(outputs: 6, inputs: 25, configuration: testConfiguration())
    #expect(tiling.tileCount == 1)
    #expect(tiling.tiles == [CrossbarTiling.Tile(rowTile: 0, columnTile: 0, inputs: 0..<25, outputs: 0..<6)])
  }

  @Test func exactMultiplesLeaveNoPartialTile() {
    let tiling = CrossbarTiling(outputs: 256, inputs: 384, tileRows: 128, tileColumns: 128)
    #expect(tiling.rowTiles == 3 && tiling.columnTiles == 2)
    #expect(tiling.utilization == 1)
  }
}
