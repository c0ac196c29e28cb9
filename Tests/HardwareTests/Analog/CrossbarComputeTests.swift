import Hardware
import Tensor
import Testing

@Suite("Crossbar computation")
struct CrossbarComputeTests {
  let weights = Tensor(randomNormal: [30, 200], standardDeviation: 0.1, seed: 21)
  let inputs = Tensor(randomNormal: [16, 200], seed: 22)
  let bias = Tensor(randomNormal: [30], seed: 23)

  @Test func idealProductsAreTheLayersProducts() throws {
    let mapping = try CrossbarMapping(weights: weights, configuration: testConfiguration(rows: 64))
    let y = try mapping.multiply(inputs, bias: bias)
    let reference = try Tensor.matmul(inputs, weights, transposeB: true) + bias.reshaped(to: [1, 30])
    #expect(maximumDifference(y, reference) < 1e-4)
  }

  @Test func partialSumsOfTheRowTilesAddUpToTheProduct() throws {
    let mapping = try CrossbarMapping(weights: weights, configuration: testConfiguration(rows: 64))
    let sums = try mapping.partialSums(inputs)
    #expect(sums.count == 4)  // 200 inputs = 64 + 64 + 64 + 8
    let total = sums.dropFirst().reduce(sums[0]) { $0 + $1 }
    #expect(maximumDifference(total, try mapping.multiply(inputs)) < 1e-4)
  }

  @Test func adcErrorIsAtMostHalfAStepPerTile() throws {
    let configuration = testConfiguration(rows: 64, adcBits: 6)
    let mapping = try CrossbarMapping(weights: weights, configuration: configuration)
    var calibration = ConverterCalibration()
    calibration.observe(inputs: inputs, partialSums: try mapping.partialSums(inputs))
    let converters = try calibration.converters(for: configuration)
    let adc = try #require(converters.adc)
    let quantised = try mapping.multiply(inputs, converters: converters)
    let ideal = try mapping.multiply(inputs)
    let error = maximumDifference(quantised, ideal)
    #expect(error > 0)
    #expect(error <= Float(mapping.tiling.rowTiles) * adc.step / 2 * 1.001)
    // A fine ADC is close to ideal.
    let fine = try calibration.converters(for: testConfiguration(rows: 64, adcBits: 20))
    #expect(maximumDifference(try mapping.multiply(inputs, converters: fine), ideal) < 1e-3)
  }

  @Test func dacErrorIsBoundedByTheWeightsTimesHalfAStep() throws {
    let configuration = testConfiguration(dacBits: 5)
    let mapping = try CrossbarMapping(weights: weights, configuration: configuration)
    var calibration = ConverterCalibration()
    calibration.observe(inputs: inputs, partialSums: [])
    let converters = try calibration.converters(for: configuration)
    let dac = try #require(converters.dac)
    #expect(dac.signed)
    let error = try mapping.multiply(inputs, converters: converters) - mapping.multiply(inputs)
    // |sum_k w_k (q(x_k) - x_k)| <= sum_k |w_k| * step / 2 for each output.
    let rowBounds = (0..<30).map { o in (0..<200).reduce(Float(0)) { $0 + abs(weights.scalars[o * 200 + $1]) } * dac.step / 2 }
    for m in 0..<16 {
      for o in 0..<30 { #expect(abs(error.scalars[m * 30 + o]) <= rowBounds[o] * 1.001 + 1e-5) }
    }
  }

  @Test func idealConvolutionIsTheLayersConvolution() throws {
    let filters = Tensor(randomNormal: [8, 4, 3, 3], standardDeviation: 0.2, seed: 31)
    let x = Tensor(randomNormal: [2, 4, 9, 9], seed: 32)
    let b = Tensor(randomNormal: [8], seed: 33)
    let mapping = try CrossbarMapping(weights: filters, configuration: testConfiguration(rows: 7))
    let reference = try Tensor.conv2d(x, weight: filters, bias: b, stride: (2, 2), padding: (1, 1))
    let y = try mapping.convolve(x, bias: b, stride: (2, 2), padding: (1, 1))
    #expect(maximumDifference(y, reference) < 1e-4)
  }

  /// Tiles of 7 rows cut the 36 patch positions (4 channels x 3 x 3) inside channels.
  @Test func convolutionTilesSplitPatchesInsideChannels() throws {
    let filters = Tensor(randomNormal: [8, 4, 3, 3], standardDeviation: 0.2, seed: 31)
    let x = Tensor(randomNormal: [2, 4, 9, 9], seed: 32)
    let mapping = try CrossbarMapping(weights: filters, configuration: testConfiguration(rows: 7))
    let sums = try mapping.partialSums(convolving: x, padding: (1, 1))
    #expect(sums.count == 6)
    let total = sums.dropFirst().reduce(sums[0]) { $0 + $1 }
    #expect(maximumDifference(total, try Tensor.conv2d(x, weight: filters, padding: (1, 1))) < 1e-4)
    // Each tile only sees its own patch positions: the first tile is channel 0's first 7 entries.
    var firstOnly = filters
    for o in 0..<8 { for k in 7..<36 { firstOnly.scalars[o * 36 + k] = 0 } }
    #expect(maximumDifference(sums[0], try Tensor.conv2d(x, weight: firstOnly, padding: (1, 1))) < 1e-4)
  }

  @Test func convolutionAdcErrorIsBoundedPerTile() throws {
    let filters = Tensor(randomNormal: [8, 4, 3, 3], standardDeviation: 0.2, seed: 31)
    let x = Tensor(randomNormal: [2, 4, 9, 9], seed: 32)
    let configuration = testConfiguration(rows: 16, adcBits: 5)
    let mapping = try CrossbarMapping(weights: filters, configuration: configuration)
    var calibration = ConverterCalibration()
    calibration.observe(inputs: x, partialSums: try mapping.partialSums(convolving: x))
    let converters = try calibration.converters(for: configuration)
    let adc = try #require(converters.adc)
    let error = maximumDifference(try mapping.convolve(x, converters: converters), try mapping.convolve(x))
    #expect(error > 0 && error <= 3 * adc.step / 2 * 1.001)  // 36 inputs on 16-row tiles: 3 tiles
  }

  @Test func rejectsOperandsThatDoNotFit() throws {
    let mapping = try CrossbarMapping(weights: weights)
    #expect(throws: CrossbarError.self) { try mapping.multiply(Tensor(zeros: [2, 199])) }
    #expect(throws: CrossbarError.self) { try mapping.multiply(self.inputs, weights: Tensor(zeros: [30, 201])) }
    #expect(throws: CrossbarError.self) { try mapping.multiply(self.inputs, bias: Tensor(zeros: [3])) }
    #expect(throws: CrossbarError.self) { try mapping.convolve(Tensor(zeros: [1, 200, 3, 3])) }
  }
}
