import Foundation
import Hardware
import Tensor

/// Hardware models: constant multipliers and MAC power characterization, against ABC.
enum HardwareBenchmark {
  /// Thread CPU time in seconds (the benchmark is single-threaded; CPU time is robust to a busy machine).
  static func cpu() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
  }

  static func run() throws {
    let library = CellLibrary.cmos45nm
    let generic = try Generators.multiplier(activationBits: 8, weightBits: 8)

    // 1. Simplify and map all 256 constant multipliers (8-bit signed x 8-bit signed weight).
    var start = cpu()
    var circuits: [AIG] = []
    var transistors = 0
    for weight in -128...127 {
      let circuit = try generic.embedding(["w": weight])
      transistors += circuit.mapped(to: library).transistorCount
      circuits.append(circuit)
    }
    let simplifyAndMap = cpu() - start
    print(String(format: "  simplify + map 256 constant multipliers: %.3f s CPU (mean %.0f transistors)",
                 simplifyAndMap, Double(transistors) / 256))

    // 2. Every simplified circuit against integer arithmetic, 256 x 256 cases.
    start = cpu()
    let x = Array(-128...127)
    var wrong = 0
    for (index, circuit) in circuits.enumerated() where try circuit.evaluate(["x": x])["p"] != x.map({ $0 * (index - 128) }) {
      wrong += 1
    }
    print(String(format: "  exhaustive check of 256 x 256 products: %d wrong, %.3f s CPU", wrong, cpu() - start))

    // 3. AND nodes against ABC's strash; resyn2 on the generic multiplier with the weight tied.
    if let abc = BerkeleyABC() {
      var ratios: [Double] = []
      var ours = 0, theirs = 0, zeroBoth = 0, oursOnlyZero = 0
      for weight in -128...127 {
        let tied = try generic.embedding("w", value: weight)
        let reference = try abc.andCount(tied.blif())
        let count = circuits[weight + 128].andCount
        ours += count
        theirs += reference
        if reference == 0 {
          if count == 0 { zeroBoth += 1 } else { print("  weight \(weight): ABC needs no logic, we need \(count) nodes") }
        } else {
          ratios.append(Double(count) / Double(reference))
          if count == 0 { oursOnlyZero += 1 }
        }
      }
      let positive = ratios.filter { $0 > 0 }
      print(String(format: "  AND nodes / ABC: mean %.4f over the %d weights both need logic for; %d weights above 1.10; %d weights where only ABC leaves logic",
                   positive.reduce(0, +) / Double(positive.count), positive.count, ratios.filter { $0 > 1.10 }.count, oursOnlyZero))
      let mean = ratios.reduce(0, +) / Double(ratios.count)
      print(String(format: "  AND nodes / ABC strash;resyn2: mean ratio %.4f over %d weights (max %.3f, min %.3f), total %d / %d = %.4f; %d weights need no logic in both",
                   mean, ratios.count, ratios.max() ?? 0, ratios.min() ?? 0, ours, theirs, Double(ours) / Double(max(theirs, 1)), zeroBoth))
    } else {
      print("  berkeley-abc not installed: node-count comparison skipped")
    }

    // 4. Power characterization of the 8-bit signed MAC (22-bit accumulator) for all 256
    //    weights over 10,000 activation transitions each.
    var random = SplitMix64(seed: 1)
    let activations = (0...10_000).map { _ in Int(random.next() % 256) - 128 }
    //    The partial sum is held at 0 (only the activation changes), then, as `characterize`
    //    does by default, random 16-bit partial sums change with it.
    let mac = try Generators.mac(MACConfiguration()).mapped(to: library)
    let streams: [(String, AccumulatorStream)] = [("", .constant(0)), (", random partial sums", .uniform(bits: 16, seed: 2))]
    for (name, accumulator) in streams {
      for counting in ToggleCounting.allCases where accumulator == .constant(0) || counting == .inertial {
        start = cpu()
        let table = try MACPowerTable.characterize(
          mac, configuration: MACConfiguration(), activations: activations, accumulator: accumulator, counting: counting)
        let energies = table.entries.map(\.energyPerOperation)
        print(String(format: "  MAC power table, 256 weights x 10,000 transitions, %@%@: %.3f s CPU (energy per op %.4f-%.4f pJ, mean %.4f pJ)",
                     counting.rawValue, name, cpu() - start, (energies.min() ?? 0) * 1e12, (energies.max() ?? 0) * 1e12,
                     energies.reduce(0, +) / 256 * 1e12))
      }
    }
  }
}
