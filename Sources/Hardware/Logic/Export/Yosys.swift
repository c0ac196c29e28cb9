import Foundation

/// A thin driver for the Yosys executable, to check mapped areas against an external tool.
public struct Yosys: Sendable {
  /// The executable.
  public let path: String

  /// Finds Yosys at `path` (Debian's package installs `/usr/bin/yosys`); nil if absent.
  public init?(path: String = "/usr/bin/yosys") {
    guard FileManager.default.isExecutableFile(atPath: path) else { return nil }
    self.path = path
  }

  /// Runs `script` (`-p`) in a fresh temporary folder holding `files` and returns the output.
  public func run(_ script: String, files: [String: String]) throws -> String {
    let result = try ExternalProcess.run(path, ["-p", script], files: files)
    guard result.status == 0 else {
      throw LogicError(.externalTool, "yosys exited with status \(result.status): \(result.output.suffix(2000))")
    }
    return result.output
  }

  /// The area Yosys reaches for the Verilog module `top` with `synth; abc -liberty; stat -liberty`
  /// onto the Liberty file at `liberty`.
  public func mappedArea(verilog: String, top: String, liberty: String) throws -> Double {
    let script = "read_verilog c.v; synth -top \(top); abc -liberty \(liberty); stat -liberty \(liberty)"
    let output = try run(script, files: ["c.v": verilog])
    // Yosys prints no area for a module left without cells (a product of wires and constants).
    if output.range(of: #"Number of cells:\s+0\s"#, options: .regularExpression) != nil,
       output.range(of: "Chip area") == nil {
      return 0
    }
    guard let range = output.range(of: #"Chip area for (top )?module[^:]*:\s*[0-9.]+"#, options: .regularExpression),
          let number = output[range].split(separator: ":").last.flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) })
    else { throw LogicError(.externalTool, "no chip area in yosys output: \(output.suffix(2000))") }
    return number
  }

  /// A signed `activationBits` x constant multiplier in Verilog, module `cm`, ports `x`
  /// (signed) and `p` (signed, `activationBits + weightBits` wide), as the generic
  /// multiplier embedded with weight `weight` computes.
  public static func constantMultiplier(weight: Int, activationBits: Int = 8, weightBits: Int = 8) -> String {
    let mask = (1 << weightBits) - 1
    let bits = String(weight & mask, radix: 2)
    let padded = String(repeating: "0", count: weightBits - bits.count) + bits
    return """
      module cm (x, p);
        input signed [\(activationBits - 1):0] x;
        output signed [\(activationBits + weightBits - 1):0] p;
        wire signed [\(weightBits - 1):0] w = \(weightBits)'b\(padded);
        assign p = x * w;
      endmodule

      """
  }
}
