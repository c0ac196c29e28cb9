import Testing
@testable import Hardware

/// Cross-checks of constant embedding against Berkeley ABC.
@Suite(.requires("berkeley-abc (make test installs it)", ExternalTools.abc != nil))
struct ABCComparisonTests {
  static let weights = [-77, -1, 42, 127]

  /// The generic multiplier with the weight tied, against our simplified and mapped circuit.
  @Test(arguments: [-77, -1, 127])
  func abcProvesSimplifiedMultipliersEquivalent(weight: Int) throws {
    let abc = try #require(ExternalTools.abc)
    let generic = try Generators.multiplier(activationBits: 8, weightBits: 8)
    let tied = try generic.embedding("w", value: weight)
    #expect(try abc.equivalent(tied.blif(), tied.simplified().mapped().blif()))
  }

  @Test func nodeCountsAreCloseToAbcResyn2() throws {
    let abc = try #require(ExternalTools.abc)
    let generic = try Generators.multiplier(activationBits: 8, weightBits: 8)
    var ratios: [Double] = []
    for weight in ABCComparisonTests.weights {
      let tied = try generic.embedding("w", value: weight)
      let theirs = try abc.andCount(tied.blif())
      let ours = tied.simplified().andCount
      ratios.append(Double(ours) / Double(max(theirs, 1)))
    }
    let mean = ratios.reduce(0, +) / Double(ratios.count)
    #expect(mean <= 1.10, "ours / ABC resyn2 per weight: \(ratios)")
  }
}
