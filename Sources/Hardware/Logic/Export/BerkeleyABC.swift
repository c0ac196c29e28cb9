import Foundation

/// A thin driver for the Berkeley ABC executable, to check circuits against an external tool.
public struct BerkeleyABC: Sendable {
  /// The executable.
  public let path: String

  /// The `resyn2` script of ABC's standard `abc.rc`, spelled out (the alias is not built in).
  public static let resyn2 = "balance; rewrite; refactor; balance; rewrite; rewrite -z; balance; refactor -z; rewrite -z; balance"

  /// Finds ABC at `path` (Debian's package installs `/usr/bin/berkeley-abc`); nil if absent.
  public init?(path: String = "/usr/bin/berkeley-abc") {
    guard FileManager.default.isExecutableFile(atPath: path) else { return nil }
    self.path = path
  }

  /// Runs `commands` in a fresh temporary folder holding `files` (name -> contents) and returns ABC's output.
  public func run(_ commands: String, files: [String: String]) throws -> String {
    let result = try ExternalProcess.run(path, ["-c", commands], files: files)
    guard result.status == 0 else {
      throw LogicError(.externalTool, "berkeley-abc exited with status \(result.status): \(result.output)")
    }
    return result.output
  }

  /// Whether ABC's `cec` proves two BLIF netlists equivalent (same inputs and outputs by name).
  public func equivalent(_ first: String, _ second: String) throws -> Bool {
    let output = try run("cec a.blif b.blif", files: ["a.blif": first, "b.blif": second])
    if output.contains("Networks are equivalent") { return true }
    if output.contains("NOT EQUIVALENT") || output.contains("are not equivalent") { return false }
    throw LogicError(.externalTool, "unexpected output from berkeley-abc cec: \(output)")
  }

  /// The AND-node count ABC reaches on a BLIF netlist after `strash` and then `script`.
  public func andCount(_ blif: String, script: String = BerkeleyABC.resyn2) throws -> Int {
    let output = try run("read c.blif; strash; \(script); print_stats", files: ["c.blif": blif])
    guard let range = output.range(of: #"and\s*=\s*[0-9]+"#, options: .regularExpression),
          let count = Int(output[range].filter(\.isNumber))
    else { throw LogicError(.externalTool, "no AND count in berkeley-abc output: \(output)") }
    return count
  }

  /// The area ABC's own mapper reaches for a BLIF circuit on the cells of the Liberty file
  /// at `liberty`: `read_lib; read; strash; <mapper>; print_stats`, with `mapper` for
  /// instance `map -a` (area-oriented) or `&get -n; &nf; &put`. The logic is only
  /// structurally hashed first, so this compares mapping with mapping.
  public func mappedArea(_ blif: String, liberty: String, mapper: String = "map -a") throws -> Double {
    let output = try run("read_lib \(liberty); read c.blif; strash; \(mapper); print_stats", files: ["c.blif": blif])
    guard let range = output.range(of: #"area\s*=\s*[0-9.]+"#, options: .regularExpression),
          let number = output[range].split(separator: "=").last.flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) })
    else { throw LogicError(.externalTool, "no area in berkeley-abc print_stats output: \(output.suffix(2000))") }
    return number
  }

  /// The critical-path delay, in seconds, ABC's `stime` finds for `netlist`, whose cells
  /// are those of the Liberty file at `liberty`.
  ///
  /// ABC's conditions: no wire load, inputs switching with zero slew, outputs unloaded
  /// (`LibertyAssumptions.abc`). ABC splits a two-output cell (a full adder) into two gates,
  /// each loading the cell's inputs.
  public func criticalDelay(of netlist: MappedNetlist, liberty: String) throws -> Double {
    let output = try run("read_lib \(liberty); read -m c.v; topo; stime -p", files: ["c.v": Self.flatVerilog(netlist)])
    guard let range = output.range(of: #"Delay\s*=\s*[0-9.]+\s*ps"#, options: .regularExpression),
          let number = Double(output[range].filter { $0.isNumber || $0 == "." })
    else { throw LogicError(.externalTool, "no delay in berkeley-abc stime output: \(output.suffix(2000))") }
    return number * 1e-12
  }

  /// Gate-level Verilog in the plain style ABC's reader takes: one scalar port per bit,
  /// ports declared after the header, library cells by name. An output port names the net
  /// that drives it; outputs that repeat another output's net, or that a constant or an
  /// input drives, are left out: ABC would insert a buffer for them, and their arrival is
  /// another output's or 0.
  static func flatVerilog(_ netlist: MappedNetlist) -> String {
    func clean(_ name: String) -> String {
      String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }
    let inputs = netlist.inputNames.map { "i_" + clean($0) }
    var outputName: [Int: String] = [:]
    var outputs: [String] = []
    for (index, n) in netlist.outputNets.enumerated() {
      guard case .cell = netlist.drivers[n], outputName[n] == nil else { continue }
      let name = "o_" + clean(netlist.outputNames[index])
      outputName[n] = name
      outputs.append(name)
    }
    func net(_ n: Int) -> String {
      switch netlist.drivers[n] {
      case .constant(let value): return value ? "1'b1" : "1'b0"
      case .input(let index): return inputs[index]
      case .cell: return outputName[n] ?? "n\(n)"
      }
    }
    var lines = ["module top (" + (inputs + outputs).joined(separator: ", ") + ");"]
    lines.append("  input " + inputs.joined(separator: ", ") + ";")
    if !outputs.isEmpty { lines.append("  output " + outputs.joined(separator: ", ") + ";") }
    let wires = netlist.instances.flatMap(\.outputs).filter { outputName[$0] == nil }.map { "n\($0)" }
    if !wires.isEmpty { lines.append("  wire " + wires.joined(separator: ", ") + ";") }
    for (index, instance) in netlist.instances.enumerated() {
      let cell = netlist.cell(of: instance)
      let pins = zip(cell.inputPins, instance.inputs).map { ".\($0)(\(net($1)))" }
        + zip(cell.outputPins, instance.outputs).map { ".\($0)(\(net($1)))" }
      lines.append("  \(cell.name) g\(index) (" + pins.joined(separator: ", ") + ");")
    }
    lines.append("endmodule")
    return lines.joined(separator: "\n") + "\n"
  }
}
