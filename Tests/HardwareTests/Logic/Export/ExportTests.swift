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

  @Test(.requires("berkeley-abc (make test installs it)", ExternalTools.abc != nil))
  func abcReadsBothBlifLevelsAsEquivalent() throws {
    let abc = try #require(ExternalTools.abc)
    let g = try smallCircuit()
    #expect(try abc.equivalent(g.blif(), g.mapped().blif()))
    // A different circuit is told apart.
    let other = try Generators.multiplier(activationBits: 3, weightBits: 3, activationSigned: false)
    #expect(try !abc.equivalent(g.blif(), other.blif()))
  }

  @Test(.requires("yosys at /usr/bin/yosys (make test installs it)", ExternalTools.yosysAvailable))
  func yosysReadsBothVerilogLevels() throws {
    let abc = try #require(ExternalTools.abc, "berkeley-abc checks what yosys read back (make test installs it)")
    let g = try smallCircuit()
    for (name, text) in [("aig", g.verilog(moduleName: "top")), ("mapped", g.mapped().verilog(moduleName: "top"))] {
      let output = try ExternalTools.yosys(
        "read_verilog c.v; hierarchy -top top; flatten; techmap; opt; stat; write_blif out.blif", files: ["c.v": text])
      #expect(!output.contains("ERROR") && !output.contains("EXIT"), "\(name): \(output)")
      #expect(output.contains("Number of cells"))
      let parts = output.components(separatedBy: "=== out.blif\n")
      #expect(parts.count == 2, "\(name): yosys wrote no out.blif")
      let blif = try #require(parts.last)
      #expect(try abc.equivalent(g.blif(), blif), "\(name) Verilog read back by yosys")
      // A control: the other circuit's BLIF is told apart from what yosys read.
      let other = try Generators.multiplier(activationBits: 3, weightBits: 3, activationSigned: false)
      #expect(try !abc.equivalent(other.blif(), blif), "\(name): abc cannot tell circuits apart")
    }
  }
}
