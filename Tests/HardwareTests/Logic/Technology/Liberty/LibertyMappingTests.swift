import Foundation
import Testing
@testable import Hardware

@Suite(.requires("qflow-tech-osu018 (make test installs it)", LibertyFiles.osu018Available))
struct LibertyMappingTests {
  var library: CellLibrary { get throws { try CellLibrary.named("osu018") } }

  func counts(_ netlist: MappedNetlist) -> [String: Int] {
    var result: [String: Int] = [:]
    for instance in netlist.instances { result[netlist.cell(of: instance).name, default: 0] += 1 }
    return result
  }

  @Test func theMultiplierIsExactAndUsesTheFullAdders() throws {
    let g = try Generators.multiplier(activationBits: 8, weightBits: 8)
    let netlist = try g.technologyMapped(to: try library)
    #expect((counts(netlist)["FAX1"] ?? 0) >= 40, "\(counts(netlist))")
    let operands = exhaustiveOperands(netlist.inputPorts)
    let p = try #require(try netlist.evaluate(operands)["p"])
    var wrong = 0
    for k in p.indices where p[k] != operands["x"]![k] * operands["w"]![k] { wrong += 1 }
    #expect(wrong == 0)
  }

  @Test func constantMultipliersAreExact() throws {
    let generic = try Generators.multiplier(activationBits: 8, weightBits: 8)
    let library = try library
    for weight in [-128, -77, -2, 3, 99, 127] {
      let netlist = try generic.embedding(["w": weight]).technologyMapped(to: library)
      let x = Array(-128...127)
      #expect(try netlist.evaluate(["x": x])["p"] == x.map { $0 * weight }, "weight \(weight)")
    }
  }

  @Test func shiftAddMultipliersMapExactly() throws {
    let library = try library
    let x = Array(-128...127)
    for weight in [-128, -77, -33, 3, 99, 127] {
      let netlist = try Generators.shiftAddMultiplier(weight: weight).technologyMapped(to: library)
      #expect(try netlist.evaluate(["x": x])["p"] == x.map { $0 * weight }, "weight \(weight)")
    }
  }

  @Test(.requires("qflow-tech-osu035 (make test installs it)", LibertyFiles.osu035Available))
  func osu035MapsExactly() throws {
    let g = try Generators.multiplier(activationBits: 6, weightBits: 6)
    let netlist = try g.technologyMapped(to: try CellLibrary.named("osu035"))
    let operands = exhaustiveOperands(netlist.inputPorts)
    let p = try #require(try netlist.evaluate(operands)["p"])
    for k in p.indices { #expect(p[k] == operands["x"]![k] * operands["w"]![k]) }
    #expect(netlist.staticTiming().criticalDelay > 0)
  }

  @Test func aSubsetOfTheLibraryIsEnough() throws {
    let subset = try library.subset(["INVX1", "NAND2X1"])
    let g = try Generators.multiplier(activationBits: 4, weightBits: 4)
    let netlist = try g.technologyMapped(to: subset)
    #expect(Set(counts(netlist).keys).isSubset(of: ["INVX1", "NAND2X1"]))
    let operands = exhaustiveOperands(netlist.inputPorts)
    let p = try #require(try netlist.evaluate(operands)["p"])
    for k in p.indices { #expect(p[k] == operands["x"]![k] * operands["w"]![k]) }
    // Richer subsets are smaller.
    #expect(try g.technologyMapped(to: try library).area < netlist.area)
  }

  @Test func aLibraryWithoutANeededCellSaysWhichFunction() throws {
    do {
      _ = try library.subset(["NAND2X1", "XOR2X1"])
      Issue.record("a library without an inverter cannot be mapped onto")
    } catch let error as LogicError {
      #expect(error.kind == .missingCell)
      #expect(error.message.contains("no inverter (a cell with function \"!A\")"))
      #expect(error.message.contains("osu018_stdcells.lib:8"), "the file and the line of its library group")
    }
    do {
      _ = try library.subset(["INVX1", "XOR2X1"])
      Issue.record("XOR and NOT alone are not complete")
    } catch let error as LogicError {
      #expect(error.message.contains("no two-input AND, NAND, OR or NOR cell"))
    }
    #expect(throws: LogicError.self) { try library.subset(["NAND9"]) }
  }

  @Test func theGenericLibraryIsOneMoreLibrary() throws {
    let g = try Generators.multiplier(activationBits: 8, weightBits: 8)
    let named = try g.technologyMapped(to: try CellLibrary.named("generic45"))
    let direct = g.mapped(to: .cmos45nm)
    #expect(named.transistorCount == direct.transistorCount)
    #expect(named.area == Double(direct.transistorCount))
    #expect(named.staticTiming().criticalDelay == direct.staticTiming().criticalDelay)
  }

  @Test(.requires("berkeley-abc (make test installs it)", ExternalTools.abc != nil))
  func aMappedMACIsEquivalentToItsAIGUnderABCcec() throws {
    let abc = try #require(ExternalTools.abc)
    let g = try Generators.mac(MACConfiguration())
    let netlist = try g.technologyMapped(to: try library)
    #expect(netlist.inputNets.count > 16, "too many inputs to check exhaustively")
    #expect(try abc.equivalent(g.blif(), netlist.blif()))
    // Negative control: a different circuit is not equivalent.
    let other = try Generators.mac(MACConfiguration()).embedding(["w": 3]).technologyMapped(to: try library)
    #expect(try !abc.equivalent(try g.embedding(["w": 5]).blif(), other.blif()))
  }
}
