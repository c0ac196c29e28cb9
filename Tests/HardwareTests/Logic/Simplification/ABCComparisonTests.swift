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

  /// The 8 x 8 MAC with a 22-bit accumulator has 30 free inputs: too many to simulate whole, so
  /// ABC's `cec` proves the swept and the simplified, mapped circuits equal to the MAC with the
  /// weight tied. A control: the circuit for another weight is told apart.
  @Test(arguments: [-3, 77])
  func abcProvesWideEmbeddedMACsEquivalent(weight: Int) throws {
    let abc = try #require(ExternalTools.abc)
    let mac = try Generators.mac(MACConfiguration())
    let tied = try mac.embedding("w", value: weight)
    #expect(tied.inputPorts.map(\.name) == ["x", "acc"])
    let reference = tied.blif()
    #expect(try abc.equivalent(reference, tied.swept().blif()))
    #expect(try abc.equivalent(reference, mac.embedding(["w": weight]).mapped().blif()))
    #expect(try !abc.equivalent(reference, mac.embedding(["w": weight + 1]).mapped().blif()))
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
