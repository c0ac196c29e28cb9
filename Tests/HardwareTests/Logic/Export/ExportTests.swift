import Testing
@testable import Hardware

@Suite struct ExportTests {
  func smallCircuit() throws -> AIG { try Generators.multiplier(activationBits: 3, weightBits: 3) }

  @Test func blifListsEveryNodeAndOutput() throws {
    let g = try smallCircuit()
    let text = g.blif(modelName: "m")
    #expect(text.hasPrefix(".model m\n.inputs x[0] x[1] x[2] w[0] w[1] w[2]\n.outputs p[0]"))
    #expect(text.components(separatedBy: ".names").count - 1 == g.andCount + g.outputCount)
    #expect(text.hasSuffix(".end\n"))
  }

  @Test func verilogDeclaresPortsAsBuses() throws {
    let text = try smallCircuit().verilog(moduleName: "m")
    #expect(text.contains("input signed [2:0] x"))
    #expect(text.contains("output signed [5:0] p"))
    let mapped = try smallCircuit().mapped().verilog(moduleName: "m")
    #expect(mapped.contains("module FA (input A, B, CI, output S, CO);"))
    #expect(mapped.contains("endmodule"))
  }

  @Test(.enabled(if: ExternalTools.abc != nil, "berkeley-abc is not installed (make test installs it)"))
  func abcReadsBothBlifLevelsAsEquivalent() throws {
    let abc = try #require(ExternalTools.abc)
    let g = try smallCircuit()
    #expect(try abc.equivalent(g.blif(), g.mapped().blif()))
    // A different circuit is told apart.
    let other = try Generators.multiplier(activationBits: 3, weightBits: 3, activationSigned: false)
    #expect(try !abc.equivalent(g.blif(), other.blif()))
  }

  @Test(.enabled(if: ExternalTools.yosysAvailable, "yosys is not installed"))
  func yosysReadsBothVerilogLevels() throws {
    let abc = ExternalTools.abc
    let g = try smallCircuit()
    for (name, text) in [("aig", g.verilog(moduleName: "top")), ("mapped", g.mapped().verilog(moduleName: "top"))] {
      let output = try ExternalTools.yosys(
        "read_verilog c.v; hierarchy -top top; flatten; techmap; opt; stat; write_blif out.blif", files: ["c.v": text])
      #expect(!output.contains("ERROR") && !output.contains("EXIT"), "\(name): \(output)")
      #expect(output.contains("Number of cells"))
      if let abc, let blif = output.components(separatedBy: "=== out.blif\n").last {
        #expect(try abc.equivalent(g.blif(), blif), "\(name) Verilog read back by yosys")
      }
    }
  }
}
