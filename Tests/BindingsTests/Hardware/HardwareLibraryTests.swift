import Foundation
import Hardware
import Tensor
import Techniques
import Testing
@testable import Bindings
@testable import Kernel

@Suite struct HardwareLibraryTests {
  @Test func multiplierMembersAgreeWithTheSwiftModel() throws {
    let aig = try Generators.multiplier(activationBits: 4, weightBits: 4)
    let netlist = aig.mapped(to: .cmos45nm)
    let delay = netlist.staticTiming().criticalDelay * 1e12
    #expect(
      output("m = multiplier(bits: 4)\nprint(m.inputs, m.outputs, m.and_nodes, m.transistors, m.cells, m.kind, m.weight)")
        == "8 8 \(aig.andCount) \(netlist.transistorCount) \(netlist.instances.count) multiplier none")
    #expect(output("print(multiplier(bits: 4).delay)") == NumberFormatting.plain(delay))
    #expect(output("print(multiplier(bits: 4, architecture: \"dadda\"))").hasPrefix("<Circuit 4x4 signed multiplier (dadda), "))
  }

  @Test func multiplierDisplaysAMetricsTable() {
    let result = run("multiplier(bits: 3, signed: false)")
    #expect(result.error == nil)
    guard case .table(let table)? = result.outputs.last else {
      Issue.record("no table: \(result.outputs)")
      return
    }
    #expect(table.rows.map { $0[0].text } == ["inputs", "outputs", "and_nodes", "cells", "transistors", "delay_ps", "energy_pj", "power_uw"])
  }

  @Test func embeddingAWeightShrinksTheCircuit() throws {
    let source = """
      m = multiplier(bits: 4)
      w = embed(m, weight: -2)
      print(w.weight, w.inputs, w.and_nodes < m.and_nodes, w.transistors < m.transistors, w.delay < m.delay, w.energy < m.energy, w.power < m.power)
      """
    #expect(output(source) == "-2 4 true true true true true")
    let embedded = try Generators.multiplier(activationBits: 4, weightBits: 4).embedding(["w": -2])
    #expect(output("print(embed(multiplier(bits: 4), weight: -2).and_nodes)") == "\(embedded.andCount)")
  }

  @Test func compareMatchesTheEmbeddingComparison() throws {
    let result = run("t = compare(multiplier(bits: 2), embed(multiplier(bits: 2), weight: -2))")
    #expect(result.error?.message == "compare(): argument 'embedded' must be made from the first circuit by embed(), e.g. compare(m, embed(m, weight: -2))")
    let comparison = try LogicDesignExamples.multiplier()
    let source = """
      m = multiplier(bits: 2)
      t = compare(m, embed(m, weight: -2))
      print([r.metric for r in t])
      print(t[2].change == {comparison.delayReduction}, t[5].change == {comparison.powerReduction})
      """.replacingOccurrences(of: "{comparison.delayReduction}", with: "-(\(comparison.delayReduction))")
      .replacingOccurrences(of: "{comparison.powerReduction}", with: "-(\(comparison.powerReduction))")
    let lines = output(source).split(separator: "\n").map(String.init)
    #expect(lines.first == "[\"and_nodes\", \"transistors\", \"delay_ps\", \"sensitised_delay_ps\", \"energy_pj\", \"power_uw\"]")
    #expect(lines.last == "true true")
  }

  @Test func embeddedMACIsChecked() {
    #expect(output("w = embed(mac(bits: 3, accumulator: 8), weight: 3)\nprint(w.kind, w.weight, w.inputs)") == "mac 3 11")
  }

  @Test func characterizeASmallMAC() throws {
    let source = """
      t = characterize(mac(bits: 4, accumulator: 10), transitions: 200, seed: 3)
      print(len(t), t.transitions, t[0].weight, t[15].weight)
      c = t.cheapest(3)
      print(len(c), c[0].energy_pj <= c[1].energy_pj, c[1].energy_pj <= c[2].energy_pj)
      z = [r for r in t if r.weight == 0][0]
      print(z.energy_pj == min([r.energy_pj for r in t]))
      """
    #expect(output(source) == "16 200 -8 7\n3 true true\ntrue")
    let result = run("characterize(mac(bits: 4, accumulator: 10), weights: [-2, 3], transitions: 50)")
    #expect(result.error == nil)
    #expect(result.outputs.contains { if case .chart = $0 { return true } else { return false } })
  }

  @Test func characterizeAgreesWithTheSwiftModel() throws {
    // Same streams as the binding: activations from SplitMix64(seed), partial sums uniform over 8 bits.
    var random = SplitMix64(seed: 5)
    let activations = (0...100).map { _ in -8 + Int(random.next() % 16) }
    let configuration = MACConfiguration(activationBits: 4, weightBits: 4, accumulatorBits: 10)
    let table = try MACPowerTable.characterize(
      configuration, weights: [5], activations: activations, accumulator: .uniform(bits: 8, seed: 6))
    let energy = try #require(table.entries.first).energyPerOperation * 1e12
    #expect(output("print(characterize(mac(bits: 4, accumulator: 10), weights: [5], transitions: 100, seed: 5)[0].energy_pj)")
      == NumberFormatting.plain(energy))
  }

  @Test func delayTableAgreesWithTheSwiftModel() throws {
    let configuration = MACConfiguration(activationBits: 3, weightBits: 3, accumulatorBits: 8)
    let netlist = try Generators.mac(configuration).mapped(to: .cmos45nm)
    let table = try MACDelayTable.characterize(netlist, weight: -3, activations: Array(-4...3))
    let source = """
      d = delay_table(mac(bits: 3, accumulator: 8), weights: [-3, 0])
      print(len(d), d[0].weight, d[0].worst_delay_ps, d[1].worst_delay_ps <= d[0].worst_delay_ps)
      """
    #expect(output(source) == "2 -3 \(NumberFormatting.plain(table.worst * 1e12)) true")
    expectError(
      "delay_table(mac(bits: 3), activations: [5])", at: "1:1",
      "delay_table(): argument 'activations' must hold whole numbers from -4 to 3 (the 3-bit port 'x'), got 5")
  }

  @Test func systolicSchedule() {
    let source = """
      sa = systolic_array(rows: 16, cols: 16)
      s = schedule(sa, inputs: 3, outputs: 16, kernel: 3, size: 32)
      print(s.m, s.k, s.n, s.tiles, s.cycles, s.macs)
      print(schedule(sa, inputs: 100, outputs: 40, batch: 8).tiles, sa.pes, sa.loading)
      """
    // conv 3->16, 3x3 over 32x32: M = 30*30, K = 27, N = 16; 2 x 1 tiles of 16 + 900 + 30 cycles.
    #expect(output(source) == "900 27 16 2 1892 388800\n21 256 serial")
  }

  @Test func voltageScaling() throws {
    let v = try VoltageScaling().lowestSupply(delay: 500e-12, clockPeriod: 1000e-12)
    #expect(output("print(voltage_for(500, 1000))") == NumberFormatting.plain(v))
    let source = """
      m = multiplier(bits: 4)
      r = scale_voltage(m, clock_ps: m.delay * 2)
      print(r.voltage < r.nominal_voltage, r.scaled_delay_ps <= r.clock_ps * 1.000001, r.power_scaled_uw < r.power_nominal_uw, r.saving > 0)
      """
    #expect(output(source) == "true true true true")
    expectError("voltage_for(1000, 500)", at: "1:1", "voltage_for(): argument 'clock_ps' (500 ps) is shorter than the delay of 1000 ps even at the nominal 0.9 V")
  }

  @Test func talkExamples() {
    #expect(output("t = talk_examples()\nprint(len(t), t[0].talk, t[1].talk, t[0].ours < 0, t[1].ours < 0)") == "5 -0.5772 -0.6612 true true")
  }

  @Test func badArgumentsNameTheArgument() {
    expectError("multiplier(bits: 0)", at: "1:1", "multiplier(): argument 'bits' must be between 1 and 16 bits, got 0")
    expectError("multiplier(bits: 100)", at: "1:1", "multiplier(): argument 'bits' must be between 1 and 16 bits, got 100")
    expectError(
      "multiplier(bits: 4, architecture: \"walace\")", at: "1:1",
      #"multiplier(): argument 'architecture' must be one of "array", "wallace", "dadda", got "walace"; did you mean 'wallace'?"#)
    expectError(
      "embed(multiplier(bits: 4), weight: 8)", at: "1:1",
      "embed(): argument 'weight' must fit the 4-bit signed weight port (-8 to 7), got 8")
    expectError(
      "characterize(multiplier(bits: 4))", at: "1:1",
      "characterize(): argument 'mac' must be a generic MAC from mac(), got 4x4 signed multiplier (array)")
    expectError(
      "characterize(mac(bits: 4), counting: \"inertia\")", at: "1:1",
      #"characterize(): argument 'counting' must be one of "zero_delay", "inertial", "transport", got "inertia"; did you mean 'inertial'?"#)
    expectError(
      "characterize(mac(bits: 4), weights: [9])", at: "1:1",
      "characterize(): argument 'weights' must hold whole numbers from -8 to 7 (the 4-bit weight port), got 9")
    expectError("multiplier(bit: 4)", at: "1:12", "multiplier(): no argument 'bit'; did you mean 'bits'?")
    expectError(
      "schedule(systolic_array(), inputs: 3, outputs: 8, kernel: 3)", at: "1:1",
      "schedule(): argument 'size' is needed with 'kernel' for a convolution (leave both out for a linear layer)")
  }

  @Test func exportsWriteFiles() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hwbind-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let blif = dir.appendingPathComponent("w.blif").path, verilog = dir.appendingPathComponent("w.v").path
    let source = "w = embed(multiplier(bits: 2), weight: -2)\nprint(export_blif(w, \"\(blif)\") == \"\(blif)\")\nexport_verilog(w, \"\(verilog)\", mapped: true)"
    #expect(output(source, files: FileAccess(writable: [dir.path])) == "true\n\(verilog)")
    // The BLIF is the circuit -2 * x: ABC proves it equivalent to the generator's, and tells it
    // apart from 1 * x (a control).
    let written = try String(contentsOfFile: blif, encoding: .utf8)
    #expect(written.hasPrefix(".model circuit\n.inputs x[0] x[1]\n.outputs p[0] p[1] p[2] p[3]\n"))
    let abc = try #require(BerkeleyABC(), "berkeley-abc (make test installs it)")
    let multiplier = try Generators.multiplier(activationBits: 2, weightBits: 2)
    #expect(try abc.equivalent(written, multiplier.embedding(["w": -2]).blif()))
    #expect(try !abc.equivalent(written, multiplier.embedding(["w": 1]).blif()))
    let mapped = try String(contentsOfFile: verilog, encoding: .utf8)
    #expect(mapped.contains("module circuit (\n  input signed [1:0] x,\n  output signed [3:0] p\n);"))
    #expect(mapped.contains("module NOR2 (input A, B, output Y);"), "mapped: cells are instantiated")
  }
}

/// `library:` on the hardware builtins: the 45 nm library by default, OSU's Liberty libraries by name or path.
@Suite(.requires("qflow-tech-osu018 (make test installs it)",
                  FileManager.default.fileExists(atPath: "/usr/share/qflow/tech/osu018/osu018_stdcells.lib")))
struct CellLibraryArgumentTests {
  @Test func circuitsCarryTheirLibraryThroughEmbedAndVoltageScaling() {
    let source = """
      m = multiplier(bits: 4, library: "osu018")
      w = embed(m, weight: 3)
      print(m.library, w.library, m.area > w.area, w.area > 0, m.transistors, m.delay > 0)
      print(scale_voltage(m, clock_ps: m.delay * 2).nominal_voltage, voltage_for(100, 200, library: "osu018") < 1.8)
      g = multiplier(bits: 4)
      print(g.library, g.transistors > 0)
      """
    #expect(output(source) == "osu018 osu018 true true 0 true\n1.8 true\ncmos45nm true")
  }

  @Test func aLibertyFileByPathIsReadThroughTheSandbox() {
    let path = "/usr/share/qflow/tech/osu035/osu035_stdcells.lib"
    #expect(output("print(mac(bits: 2, accumulator: 6, library: \"\(path)\").area > 0)") == "true")
    expectError(
      "multiplier(bits: 2, library: \"/etc/cells.lib\")", at: "1:1",
      "multiplier(): cannot read '/etc/cells.lib': notebooks may read only under their own folder, the data folders nnlab knows and --out; --allow-read DIR widens that, --trust turns the sandbox off")
  }

  @Test func anUnknownLibraryIsExplained() {
    expectError(
      "multiplier(bits: 2, library: \"osu18\")", at: "1:1",
      #"multiplier(): argument 'library' must be "generic45", "osu018", "osu035" or a path to a .lib file, got "osu18"; did you mean 'osu018'?"#)
  }

  @Test func theTalksExamplesOnARealLibraryReportArea() {
    let result = run("t = talk_examples(library: \"osu018\")\nprint(t.rows[4].metric)")
    #expect(result.error == nil, "\(result.error?.rendered ?? "")")
    #expect(texts(result).last == "transistors (ours: area)")
  }
}
