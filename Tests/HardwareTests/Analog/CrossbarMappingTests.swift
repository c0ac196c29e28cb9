import Hardware
import Tensor
import Testing

@Suite("Crossbar mapping")
struct CrossbarMappingTests {
  let weights = Tensor(randomNormal: [300, 200], standardDeviation: 0.1, seed: 11)

  @Test func conductancesStayWithinTheDeviceRange() throws {
    for levels in [nil, 2, 4, 16] as [Int?] {
      let mapping = try CrossbarMapping(weights: weights, configuration: testConfiguration(levels: levels))
      let (low, high) = (Float(mapping.configuration.minimumConductance), Float(mapping.configuration.maximumConductance))
      for g in [mapping.positive, mapping.negative] {
        #expect(g.shape == [300, 200])
        #expect(g.scalars.allSatisfy { $0 >= low && $0 <= high })
      }
      // The largest weight magnitude uses the whole span.
      #expect(abs(Double((mapping.positive.scalars + mapping.negative.scalars).max() ?? 0) - Double(high)) < 1e-3)
    }
  }

  @Test func eachWeightProgramsOneDeviceOfItsPair() throws {
    let mapping = try CrossbarMapping(weights: Tensor(shape: [1, 3], scalars: [0.5, -1, 0]))
    let gMin = Float(mapping.configuration.minimumConductance)
    let span = Float(mapping.configuration.conductanceSpan)
    #expect(abs(mapping.scale - mapping.configuration.conductanceSpan) < 1e-9)  // max |W| = 1
    #expect(maximumDifference(mapping.positive, Tensor(shape: [1, 3], scalars: [gMin + span / 2, gMin, gMin])) < 1e-4)
    #expect(maximumDifference(mapping.negative, Tensor(shape: [1, 3], scalars: [gMin, gMin + span, gMin])) < 1e-4)
  }

  @Test func withoutLevelsTheCrossbarHoldsTheWeights() throws {
    let conv = Tensor(randomNormal: [16, 6, 5, 5], standardDeviation: 0.2, seed: 3)
    let mapping = try CrossbarMapping(weights: conv)
    #expect(mapping.nominalWeights.shape == [16, 6, 5, 5])
    #expect(mapping.tiling.inputs == 150 && mapping.tiling.outputs == 16)
    #expect(maximumDifference(mapping.nominalWeights, conv) < 1e-5)
  }

  @Test func levelsRoundWeightsToTheLevelGrid() throws {
    let levels = 9
    let mapping = try CrossbarMapping(weights: weights, configuration: testConfiguration(levels: levels))
    let maxMagnitude = weights.scalars.map(abs).max() ?? 1
    let step = maxMagnitude / Float(levels - 1)
    // Every read weight is a whole number of steps and within half a step of the original.
    for (read, original) in zip(mapping.nominalWeights.scalars, weights.scalars) {
      let steps = read / step
      #expect(abs(steps - steps.rounded()) < 1e-3)
      #expect(abs(read - original) <= step / 2 + 1e-5)
    }
    // Two levels: every weight is 0 or +-max|W|.
    let binary = try CrossbarMapping(weights: weights, configuration: testConfiguration(levels: 2))
    #expect(Set(binary.nominalWeights.scalars.map { ($0 / maxMagnitude).rounded() }).isSubset(of: [-1, 0, 1]))
  }

  @Test func anAllZeroMatrixSitsAtTheMinimumConductance() throws {
    let mapping = try CrossbarMapping(weights: Tensor(zeros: [4, 4]))
    let gMin = Float(mapping.configuration.minimumConductance)
    #expect(mapping.positive.scalars.allSatisfy { $0 == gMin })
    #expect(mapping.nominalWeights.scalars.allSatisfy { $0 == 0 })
  }

  @Test func rejectsTensorsThatAreNotMatrices() {
    #expect(throws: CrossbarError.self) { try CrossbarMapping(weights: Tensor(zeros: [5])) }
    #expect(throws: CrossbarError.self) { try CrossbarMapping(weights: Tensor(shape: [1, 2], scalars: [1, .infinity])) }
  }
}
