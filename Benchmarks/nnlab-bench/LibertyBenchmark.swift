import Foundation
import Hardware
import Tensor

/// The OSU 0.18 um Liberty library: reading it, mapping and timing onto it, MAC power with
/// its tables, and the area against Yosys + ABC and the delay against ABC's `stime`.
enum LibertyBenchmark {
  static let path = "/usr/share/qflow/tech/osu018/osu018_stdcells.lib"

  static func run() throws {
    guard FileManager.default.fileExists(atPath: path) else {
      print("  \(path) is missing (Debian package qflow-tech-osu018): skipped")
      return
    }
    let cpu = HardwareBenchmark.cpu

    // 1. Reading the file: best wall time of 20 reads (file read, parse, tables, functions).
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var library = try CellLibrary.liberty(text, file: path)
    let parse = try Timing.best(of: 20) { library = try CellLibrary.liberty(text, file: path) }
    let withFile = try Timing.best(of: 20) { _ = try CellLibrary.liberty(path: path) }
    print(String(format: "  read osu018_stdcells.lib (%d cells kept, %d skipped): %.2f ms parse, %.2f ms with the file read (best of 20)",
                 library.cells.count, library.notes.count, parse * 1e3, withFile * 1e3))
    library = try CellLibrary.named("osu018")

    // 2. Mapping and NLDM timing of the 256 constant multipliers (simplified AIGs prepared first).
    let generic = try Generators.multiplier(activationBits: 8, weightBits: 8)
    var start = cpu()
    let embedded = try (-128...127).map { try generic.embedding(["w": $0]) }
    let shiftAdd = try (-128...127).map { try Generators.shiftAddMultiplier(weight: $0) }
    print(String(format: "  simplify the 256 embedded multipliers and build the 256 shift-add ones: %.3f s CPU", cpu() - start))
    for (name, circuits) in [("embedded", embedded), ("shift-add", shiftAdd)] {
      start = cpu()
      var area = 0.0, delay = 0.0
      for circuit in circuits {
        let netlist = try circuit.technologyMapped(to: library)
        area += netlist.area
        delay += netlist.staticTiming().criticalDelay
      }
      print(String(format: "  map + NLDM timing of the 256 %@ constant multipliers onto osu018: %.3f s CPU (mean area %.0f, mean critical path %.0f ps)",
                   name, cpu() - start, area / 256, delay / 256 * 1e12))
    }

    // 3. MAC power table on osu018: 256 weights x 10,000 transitions, glitches with inertial delays.
    //    The same activations as the hardware suite's 45 nm table (SplitMix64, seed 1).
    var random = SplitMix64(seed: 1)
    let activations = (0...10_000).map { _ in Int(random.next() % 256) - 128 }
    start = cpu()
    let mac = try Generators.mac(MACConfiguration()).technologyMapped(to: library)
    let mapTime = cpu() - start
    for counting in [ToggleCounting.zeroDelay, .inertial] {
      start = cpu()
      let table = try MACPowerTable.characterize(mac, configuration: MACConfiguration(), activations: activations, counting: counting)
      let energies = table.entries.map(\.energyPerOperation)
      print(String(format: "  MAC power table on osu018, 256 weights x 10,000 transitions, %@: %.3f s CPU (map %.3f s; energy per op %.3f-%.3f pJ, mean %.3f pJ; leakage %.1f nW)",
                   counting.rawValue, cpu() - start, mapTime, (energies.min() ?? 0) * 1e12, (energies.max() ?? 0) * 1e12,
                   energies.reduce(0, +) / 256 * 1e12, table.leakagePower * 1e9))
    }

    // 4. Area against Yosys (read_verilog; synth; abc -liberty; stat -liberty) on x * w.
    if let yosys = Yosys() {
      start = Timing.now()
      var ratios: [Double] = [], embeddedRatios: [Double] = [], sameLogic: [Double] = []
      var bothZero = 0, oursBest = 0
      for weight in -128...127 {
        let theirs = try yosys.mappedArea(verilog: Yosys.constantMultiplier(weight: weight), top: "cm", liberty: path)
        let a = try embedded[weight + 128].technologyMapped(to: library).area
        let b = try shiftAdd[weight + 128].technologyMapped(to: library).area
        let ours = min(a, b)
        if theirs == 0 {
          if ours == 0 { bothZero += 1 } else { print("  weight \(weight): Yosys needs no cells, we need area \(ours)") }
          continue
        }
        if ours < theirs { oursBest += 1 }
        ratios.append(ours / theirs)
        embeddedRatios.append(a / theirs)
        // The mapping alone: Yosys and ABC given our simplified AIG as Verilog.
        let fromOurs = try yosys.mappedArea(verilog: embedded[weight + 128].verilog(moduleName: "cm"), top: "cm", liberty: path)
        if fromOurs > 0 { sameLogic.append(a / fromOurs) }
      }
      let mean = ratios.reduce(0, +) / Double(ratios.count)
      let meanEmbedded = embeddedRatios.reduce(0, +) / Double(embeddedRatios.count)
      print(String(format: "  area ours / Yosys+ABC over %d weights (%d need no cells in both): mean %.3f (min %.3f, max %.3f; ours smaller for %d); embedded multipliers alone: mean %.3f (max %.3f); %.1f s wall",
                   ratios.count, bothZero, mean, ratios.min() ?? 0, ratios.max() ?? 0, oursBest, meanEmbedded,
                   embeddedRatios.max() ?? 0, Timing.now() - start))
      print(String(format: "  embedded multipliers, same AIG given to Yosys+ABC (which re-optimises it): ours / theirs mean %.3f (min %.3f, max %.3f) over %d weights",
                   sameLogic.reduce(0, +) / Double(max(1, sameLogic.count)), sameLogic.min() ?? 0, sameLogic.max() ?? 0, sameLogic.count))
    } else {
      print("  yosys not installed: area comparison skipped")
    }

    // 5. The mapping alone: ABC's mappers on the same (structurally hashed) embedded AIGs.
    if let abc = BerkeleyABC() {
      start = Timing.now()
      for mapper in ["map -a", "&get -n; &nf; &put"] {
        var ratios: [Double] = []
        for (index, circuit) in embedded.enumerated() {
          let theirs = try abc.mappedArea(circuit.blif(), liberty: path, mapper: mapper)
          let ours = try circuit.technologyMapped(to: library).area
          // Weights that leave only wires (powers of two) get no cells from us, buffers from ABC.
          if theirs > 0 && ours > 0 { ratios.append(ours / theirs) } else if ours > 0 { print("  weight \(index - 128): ABC needs no cells, we need \(ours)") }
        }
        print(String(format: "  mapping alone, area ours / ABC `%@` on the same embedded AIGs: mean %.3f (min %.3f, max %.3f) over the %d weights both need cells for",
                     mapper, ratios.reduce(0, +) / Double(max(1, ratios.count)), ratios.min() ?? 0, ratios.max() ?? 0, ratios.count))
      }
      print(String(format: "  (%.1f s wall)", Timing.now() - start))
    }

    // 6. Critical path against ABC's stime on the same netlists, under ABC's conditions.
    if let abc = BerkeleyABC() {
      let abcLibrary = try CellLibrary.liberty(path: path, assumptions: .abc)
      var lines: [String] = []
      for (name, circuit) in [("8x8 multiplier", generic), ("x * -77", embedded[-77 + 128]), ("x * 45", embedded[45 + 128]),
                              ("x * 113", embedded[113 + 128])] {
        for adders in [false, true] {
          let netlist = try circuit.technologyMapped(to: abcLibrary, adders: adders)
          let ours = netlist.staticTiming().criticalDelay
          let theirs = try abc.criticalDelay(of: netlist, liberty: path)
          lines.append(String(format: "%@%@ %.1f / %.1f ps = %.3f", name, adders ? " (FA/HA)" : "", ours * 1e12, theirs * 1e12, ours / theirs))
        }
      }
      print("  critical path ours / ABC stime: " + lines.joined(separator: "; "))
    }
  }
}
