import Testing
@testable import Hardware

@Suite struct SystolicArrayTests {
  @Test func cyclesOfOneTileByHand() throws {
    // 2 x 2 array, K = 2, N = 2, M = 3: load 2, stream 3, fill and drain 2 + 2 - 2 = 2.
    let array = try SystolicArray(rows: 2, columns: 2)
    let plan = array.schedule(try GEMMShape(m: 3, k: 2, n: 2))
    #expect(plan.tiles == 1)
    #expect(plan.cycles == 7)
    #expect(abs(plan.utilisation - 12.0 / 28.0) < 1e-12)
  }

  @Test func cyclesOfSeveralTilesByHand() throws {
    let shape = try GEMMShape(m: 3, k: 3, n: 3)
    let serial = try SystolicArray(rows: 2, columns: 2, weightLoading: .serial).schedule(shape)
    #expect(serial.rowTiles == 2 && serial.columnTiles == 2)
    #expect(serial.cycles == 4 * (2 + 3 + 2))
    let buffered = try SystolicArray(rows: 2, columns: 2, weightLoading: .doubleBuffered).schedule(shape)
    #expect(buffered.cycles == 2 + 4 * 3 + 2)
    #expect(abs(buffered.utilisation - 27.0 / (4.0 * 16.0)) < 1e-12)
  }

  @Test func convolutionsLowerByIm2col() throws {
    let layer = LayerShape.convolution(
      inChannels: 2, outChannels: 3, kernelHeight: 3, kernelWidth: 3, inputHeight: 5, inputWidth: 4, stride: 1,
      padding: 1, batch: 2)
    let shape = try layer.gemm()
    #expect(shape.m == 2 * 5 * 4 && shape.k == 18 && shape.n == 3)
    var random = TestRandom(seed: 1)
    let input = random.ints(2 * 2 * 5 * 4, in: 0...9)
    let weights = random.ints(3 * 2 * 3 * 3, in: -4...4)
    let a = try Im2col.activations(input, layer: layer)
    let w = try Im2col.weights(weights, layer: layer)
    // Compare the matrix product with a direct convolution.
    for b in 0..<2 {
      for o in 0..<3 {
        for y in 0..<5 {
          for x in 0..<4 {
            var direct = 0
            for c in 0..<2 {
              for ky in 0..<3 {
                for kx in 0..<3 {
                  let iy = y + ky - 1, ix = x + kx - 1
                  guard iy >= 0 && iy < 5 && ix >= 0 && ix < 4 else { continue }
                  direct += input[((b * 2 + c) * 5 + iy) * 4 + ix] * weights[((o * 2 + c) * 3 + ky) * 3 + kx]
                }
              }
            }
            let m = (b * 5 + y) * 4 + x
            let product = (0..<shape.k).reduce(0) { $0 + a[m * shape.k + $1] * w[$1 * shape.n + o] }
            #expect(product == direct)
          }
        }
      }
    }
  }

  @Test func streamsCarryTheWeightsAndPartialSums() throws {
    let shape = try GEMMShape(m: 4, k: 5, n: 3)
    var random = TestRandom(seed: 2)
    let a = random.ints(shape.m * shape.k, in: -8...7)
    let w = random.ints(shape.k * shape.n, in: -8...7)
    let array = try SystolicArray(rows: 2, columns: 2)
    var result = [Int](repeating: 0, count: shape.m * shape.n)
    var count = 0
    try array.forEachProcessingElement(shape, weights: w, activations: a) { pe in
      count += 1
      #expect(pe.weight == w[pe.k * shape.n + pe.n])
      #expect(pe.k == pe.rowTile * 2 + pe.row && pe.n == pe.columnTile * 2 + pe.column)
      // The last PE of the column (in this tile) adds its product to the arriving sum.
      if pe.row == 1 || pe.k == shape.k - 1 {
        for m in 0..<shape.m { result[m * shape.n + pe.n] += pe.partialSums[m] + pe.activations[m] * pe.weight }
      }
    }
    #expect(count == shape.k * shape.n)
    for m in 0..<shape.m {
      for n in 0..<shape.n {
        #expect(result[m * shape.n + n] == (0..<shape.k).reduce(0) { $0 + a[m * shape.k + $1] * w[$1 * shape.n + n] })
      }
    }
  }

  @Test func energyAddsPerElementStreamsAndLeakage() throws {
    let configuration = MACConfiguration(activationBits: 4, weightBits: 4, accumulatorBits: 12)
    let shape = try GEMMShape(m: 20, k: 3, n: 2)
    var random = TestRandom(seed: 8)
    let a = random.ints(shape.m * shape.k, in: 0...7)
    let w = random.ints(shape.k * shape.n, in: -8...7)
    let array = try SystolicArray(rows: 4, columns: 4)
    let mac = try SimulatedMAC(configuration)
    let layer = try array.energy(shape, weights: w, activations: a, mac: mac, frequency: 1e9)
    var expected = 0.0
    try array.forEachProcessingElement(shape, weights: w, activations: a) { pe in
      expected += try mac.dynamicEnergy(weight: pe.weight, activations: pe.activations, partialSums: pe.partialSums)
    }
    #expect(abs(layer.dynamicEnergy - expected) < 1e-24)
    let cycles = array.schedule(shape).cycles
    #expect(abs(layer.leakageEnergy - mac.leakagePower * 16 * Double(cycles) / 1e9) < 1e-24)
    // Scaling the supply scales switching energy by V^2.
    let low = try array.energy(shape, weights: w, activations: a, mac: mac, frequency: 1e9, voltage: 0.6)
    #expect(abs(low.dynamicEnergy - layer.dynamicEnergy * 0.36 / 0.81) < 1e-24)
  }

  @Test func badShapesAreRejected() throws {
    #expect(throws: LogicError.self) { try SystolicArray(rows: 0, columns: 4) }
    #expect(throws: LogicError.self) { try GEMMShape(m: 1, k: 0, n: 1) }
    let array = try SystolicArray(rows: 2, columns: 2)
    #expect(throws: LogicError.self) {
      try array.forEachProcessingElement(try GEMMShape(m: 2, k: 2, n: 2), weights: [1], activations: [1, 2, 3, 4]) { _ in }
    }
  }
}
