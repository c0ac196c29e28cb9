import Foundation
import Hardware
import Techniques
import Tensor

/// Logic design of a network with embedded weights: synthesis, simplification and mapping of
/// a 3,280-weight MLP (49-48-16-10, 4-bit weights, 2-bit inputs and activations), target < 60 s.
enum LogicDesignBenchmark {
  static func wall() -> Double { Date().timeIntervalSince1970 }

  /// A seeded random integer network with about `zeros` of its weights zero.
  static func network(sizes: [Int], zeros: Double, seed: UInt64) throws -> IntegerNetwork {
    var random = SplitMix64(seed: seed)
    func uniform(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
    var layers: [IntegerNetwork.Layer] = []
    for l in 1..<sizes.count {
      let weights = (0..<sizes[l]).map { _ in
        (0..<sizes[l - 1]).map { _ in Double(random.next() % 1000) / 1000 < zeros ? 0 : uniform(-8...7) }
      }
      if l == sizes.count - 1 {
        layers.append(.init(weights: weights, biases: (0..<sizes[l]).map { _ in uniform(-20...20) }))
      } else {
        layers.append(.init(weights: weights, thresholds: (0..<sizes[l]).map { _ in [uniform(0...10), uniform(10...25), uniform(25...40)] }))
      }
    }
    return try IntegerNetwork(inputBits: 2, activationBits: 2, weightBits: 4, layers: layers)
  }

  static func run() throws {
    let net = try network(sizes: [49, 48, 16, 10], zeros: 0.15, seed: 1)
    let library = CellLibrary.cmos45nm
    print("  network 49-48-16-10: \(net.weightCount) weights, \(net.nonzeroWeightCount) non-zero")
    var start = wall()
    let raw = NetworkCircuits.network(net, style: .embedded, simplify: false)
    let built = wall() - start
    start = wall()
    let simplified = raw.simplified()
    let simplify = wall() - start
    start = wall()
    let netlist = try simplified.technologyMapped(to: library)
    let map = wall() - start
    print(String(format: "  embedded: build %.2f s (%d AND), simplify %.2f s (%d AND), map %.2f s (%d transistors): total %.2f s (target < 60 s)",
                 built, raw.andCount, simplify, simplified.andCount, map, netlist.transistorCount, built + simplify + map))
    start = wall()
    let generic = NetworkCircuits.network(net, style: .generic)
    let genericNetlist = try generic.technologyMapped(to: library)
    print(String(format: "  generic baseline: build + map %.2f s (%d AND, %d transistors)",
                 wall() - start, generic.andCount, genericNetlist.transistorCount))
    var random = SplitMix64(seed: 2)
    let samples = (0..<1000).map { _ in (0..<49).map { _ in Int(random.next() % 4) } }
    start = wall()
    let agree = try NetworkCircuits.classify(simplified, network: net, samples: samples) == net.classify(samples)
    print(String(format: "  1,000 samples through the circuit: %@ the integer network, %.2f s", agree ? "agree with" : "DISAGREE with", wall() - start))
    start = wall()
    let costs = try NetworkCostModel.measure(net, style: .embedded, samples: samples, library: library)
    let design = costs.layerPipeline()
    print(String(format: "  costs (whole + per layer, 999 transitions with glitches): %.2f s; layer pipeline %.0f ps clock, %.3f mW",
                 wall() - start, design.clockPeriod * 1e12, design.power * 1e3))
    if let abc = BerkeleyABC(), Yosys() != nil {
      start = wall()
      let proof = try EquivalenceProof.prove(simplified, against: raw)
      _ = abc
      print(String(format: "  Yosys read + ABC cec against the unsimplified embedded build: %@, %.2f s",
                   proof.equivalent ? "equivalent" : "NOT equivalent", wall() - start))
    }
  }
}
