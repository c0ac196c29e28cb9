import Foundation
import Hardware
import Tensor
import Testing

@Suite("Log-normal variation")
struct LogNormalVariationTests {
  @Test(arguments: [0.1, 0.3, 0.5])
  func meanFactorIsExpOfHalfSigmaSquared(sigma: Double) throws {
    let variation = try LogNormalVariation(sigma: sigma)
    var generator = SeededGenerator(seed: 5)
    let n = 200_000
    let factors = variation.factors([n], generator: &generator)
    let mean = meanValue(factors)
    // Five standard errors of the mean of n log-normal factors.
    let tolerance = 5 * variation.factorStandardDeviation / Double(n).squareRoot()
    #expect(abs(variation.meanFactor - exp(sigma * sigma / 2)) < 1e-12)
    #expect(abs(mean - variation.meanFactor) < tolerance)
    // log of the factors is N(0, sigma^2).
    let logs = factors.scalars.map { Double(log($0)) }
    let logMean = logs.reduce(0, +) / Double(n)
    let logSD = (logs.reduce(0) { $0 + ($1 - logMean) * ($1 - logMean) } / Double(n - 1)).squareRoot()
    #expect(abs(logMean) < 5 * sigma / Double(n).squareRoot())
    #expect(abs(logSD - sigma) < 0.01 * sigma)
  }

  @Test func weightModelMultipliesEachWeightByItsFactor() throws {
    let weights = Tensor(randomNormal: [200, 300], standardDeviation: 0.1, seed: 2)
    let mapping = try CrossbarMapping(weights: weights)
    let variation = try LogNormalVariation(sigma: 0.4, model: .weight)
    let sampled = mapping.sampledWeights(variation, seed: 9)
    // Same signs, ratios e^theta with mean e^(sigma^2/2); zero weights stay zero.
    var ratios = [Double]()
    for (s, w) in zip(sampled.scalars, mapping.nominalWeights.scalars) where abs(w) > 1e-4 {
      #expect(s * w > 0)
      ratios.append(Double(s / w))
    }
    let mean = ratios.reduce(0, +) / Double(ratios.count)
    #expect(abs(mean - variation.meanFactor) < 5 * variation.factorStandardDeviation / Double(ratios.count).squareRoot())
    let zeros = try CrossbarMapping(weights: Tensor(zeros: [3, 3])).sampledWeights(variation, seed: 1)
    #expect(zeros.scalars.allSatisfy { $0 == 0 })
  }

  @Test func deviceModelVariesBothDevicesOfEachPair() throws {
    let mapping = try CrossbarMapping(weights: Tensor(zeros: [100, 100]))
    let variation = try LogNormalVariation(sigma: 0.3, model: .devices)
    // A zero weight reads g_min (e^theta1 - e^theta2) / scale: zero mean, not zero.
    let sampled = mapping.sampledWeights(variation, seed: 4)
    #expect(sampled.scalars.contains { $0 != 0 })
    let unit = mapping.configuration.minimumConductance / mapping.scale
    #expect(abs(meanValue(sampled)) < 5 * unit * 2.0.squareRoot() * variation.factorStandardDeviation / 100)
    var generator = SeededGenerator(seed: 4)
    let (gp, gn) = mapping.sampledConductances(variation, generator: &generator)
    let factorMean = meanValue(gp) / mapping.configuration.minimumConductance
    #expect(abs(factorMean - variation.meanFactor) < 5 * variation.factorStandardDeviation / 100)
    // The conductances of a draw read as that draw's weights.
    let read = (gp - gn) * Float(1 / mapping.scale)
    #expect(maximumDifference(read, sampled) < 1e-5)
  }

  @Test func conductancesOfTheWeightModelReadAsTheSampledWeights() throws {
    let weights = Tensor(randomNormal: [20, 30], seed: 8)
    let mapping = try CrossbarMapping(weights: weights)
    let variation = try LogNormalVariation(sigma: 0.2)
    var generator = SeededGenerator(seed: 6)
    let (gp, gn) = mapping.sampledConductances(variation, generator: &generator)
    let read = (gp - gn) * Float(1 / mapping.scale)
    #expect(maximumDifference(read, mapping.sampledWeights(variation, seed: 6)) < 1e-4)
    // The idle device of each pair stays at g_min.
    let gMin = Float(mapping.configuration.minimumConductance)
    #expect(zip(gp.scalars, gn.scalars).allSatisfy { $0 == gMin || $1 == gMin })
  }

  @Test func theSameSeedGivesTheSameDraw() throws {
    let mapping = try CrossbarMapping(weights: Tensor(randomNormal: [50, 40], seed: 1))
    for model in VariationModel.allCases {
      let variation = try LogNormalVariation(sigma: 0.25, model: model)
      #expect(mapping.sampledWeights(variation, seed: 3) == mapping.sampledWeights(variation, seed: 3))
      #expect(mapping.sampledWeights(variation, seed: 3) != mapping.sampledWeights(variation, seed: 4))
    }
  }

  @Test func zeroSigmaLeavesTheNominalWeights() throws {
    let mapping = try CrossbarMapping(weights: Tensor(randomNormal: [50, 40], seed: 1))
    for model in VariationModel.allCases {
      #expect(mapping.sampledWeights(try LogNormalVariation(sigma: 0, model: model), seed: 3) == mapping.nominalWeights)
    }
  }
}
