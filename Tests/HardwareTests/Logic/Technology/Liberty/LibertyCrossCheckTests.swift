import Foundation
import Testing
@testable import Hardware

/// Our mapping and timing on OSU 0.18 um against Yosys and ABC on the same circuits.
@Suite(.requires("qflow-tech-osu018 (make test installs it)", LibertyFiles.osu018Available))
struct LibertyCrossCheckTests {
  /// A spread of weights (the benchmark runs all 256).
  static let weights = [-128, -101, -77, -33, -6, 3, 10, 45, 77, 99, 113, 127]

  /// Our smallest constant multiplier for a weight: the generic multiplier with the weight
  /// embedded and simplified, or the shift-and-add circuit of its signed digits.
  static func ours(weight: Int, generic: AIG, library: CellLibrary) throws -> Double {
    let embedded = try generic.embedding(["w": weight]).technologyMapped(to: library).area
    let shiftAdd = try Generators.shiftAddMultiplier(weight: weight).technologyMapped(to: library).area
    return min(embedded, shiftAdd)
  }

  @Test(.requires("yosys at /usr/bin/yosys (make test installs it)", Yosys() != nil))
  func areaWithinTenPercentOfYosys() throws {
    let yosys = try #require(Yosys())
    let library = try CellLibrary.named("osu018")
    let generic = try Generators.multiplier(activationBits: 8, weightBits: 8)
    var ratios: [Double] = []
    for weight in Self.weights {
      let ours = try Self.ours(weight: weight, generic: generic, library: library)
      let theirs = try yosys.mappedArea(verilog: Yosys.constantMultiplier(weight: weight), top: "cm", liberty: LibertyFiles.osu018)
      ratios.append(ours / theirs)
    }
    let mean = ratios.reduce(0, +) / Double(ratios.count)
    print("area ours / yosys+abc over \(ratios.count) weights: mean \(mean), \(ratios.map { String(format: "%.3f", $0) })")
    #expect(mean <= 1.10)
  }

  /// The mapping alone: the same simplified AIG mapped by ABC (`strash; map -a`) and by us.
  @Test(.requires("berkeley-abc (make test installs it)", ExternalTools.abc != nil))
  func mappingWithinTenPercentOfABCsAreaMapper() throws {
    let abc = try #require(ExternalTools.abc)
    let library = try CellLibrary.named("osu018")
    let generic = try Generators.multiplier(activationBits: 8, weightBits: 8)
    var ratios: [Double] = []
    for weight in Self.weights {
      let circuit = try generic.embedding(["w": weight])
      let ours = try circuit.technologyMapped(to: library).area
      ratios.append(ours / (try abc.mappedArea(circuit.blif(), liberty: LibertyFiles.osu018)))
    }
    let mean = ratios.reduce(0, +) / Double(ratios.count)
    print("area ours / ABC map -a on the same AIG: mean \(mean), \(ratios.map { String(format: "%.3f", $0) })")
    #expect(mean <= 1.10)
  }

  @Test func shiftAddMultipliersAreExact() throws {
    let x = Array(-128...127)
    for weight in [-128, -77, -33, -1, 0, 1, 3, 64, 99, 127] {
      let circuit = try Generators.shiftAddMultiplier(weight: weight)
      #expect(try circuit.evaluate(["x": x])["p"] == x.map { $0 * weight }, "weight \(weight)")
    }
    #expect(Generators.signedDigits(7).map(\.shift) == [0, 3], "7 = 8 - 1")
    #expect(Generators.signedDigits(-77).count == 4)
  }

  /// Ours against ABC's `stime` on the same mapped netlist, under ABC's conditions.
  func delays(_ circuit: AIG, adders: Bool) throws -> (ours: Double, abc: Double) {
    let abc = try #require(ExternalTools.abc)
    let library = try CellLibrary.liberty(path: LibertyFiles.osu018, assumptions: .abc)
    let netlist = try circuit.technologyMapped(to: library, adders: adders)
    let ours = netlist.staticTiming().criticalDelay
    let theirs = try abc.criticalDelay(of: netlist, liberty: LibertyFiles.osu018)
    return (ours, theirs)
  }

  @Test(.requires("berkeley-abc (make test installs it)", ExternalTools.abc != nil))
  func criticalPathWithinFifteenPercentOfABC() throws {
    let generic = try Generators.multiplier(activationBits: 8, weightBits: 8)
    var circuits: [(String, AIG)] = [("8-bit multiplier", generic)]
    for weight in [-77, 45, 113] { circuits.append(("x * \(weight)", try generic.embedding(["w": weight]))) }
    // Without two-output cells: ABC's `stime` splits a full adder into two gates that each
    // load the adder's inputs, doubling those loads, which the library does not describe.
    for (name, circuit) in circuits {
      let (ours, theirs) = try delays(circuit, adders: false)
      print("\(name): ours \(ours * 1e12) ps, ABC stime \(theirs * 1e12) ps, ratio \(ours / theirs)")
      #expect(abs(ours / theirs - 1) <= 0.15, "\(name): \(ours) s against ABC's \(theirs) s")
    }
  }

  @Test(.requires("berkeley-abc (make test installs it)", ExternalTools.abc != nil))
  func anInverterChainAgreesWithABCToTheRounding() throws {
    let abc = try #require(ExternalTools.abc)
    let library = try CellLibrary.liberty(path: LibertyFiles.osu018, assumptions: .abc)
    var g = AIG()
    let a = g.addInput("a")
    g.addOutput(!a, name: "y")
    var netlist = try g.technologyMapped(to: library)
    // Three inverters in a row.
    netlist = MappedNetlist(
      library: library,
      instances: (0..<3).map { .init(kind: .inv, inputs: [2 + $0], outputs: [3 + $0]) },
      netCount: 6, inputNets: [2], inputNames: ["a"], outputNets: [5], outputNames: ["y"],
      inputPorts: netlist.inputPorts, outputPorts: netlist.outputPorts)
    let theirs = try abc.criticalDelay(of: netlist, liberty: LibertyFiles.osu018)
    let ours = netlist.staticTiming().criticalDelay
    // ABC prints picoseconds with two decimals.
    #expect(abs(ours - theirs) < 0.006e-12, "ours \(ours), ABC \(theirs)")
  }
}
