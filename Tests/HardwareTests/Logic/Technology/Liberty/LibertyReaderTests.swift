import Foundation
import Testing
@testable import Hardware

@Suite struct LibertyReaderTests {
  @Test func readsTheSmallLibrary() throws {
    let library = try CellLibrary.liberty(LibertyFiles.small, file: "tiny.lib")
    #expect(library.name == "tiny")
    #expect(library.timingModel == .nldm)
    #expect(library.nominalVoltage == 1.8)
    #expect(library.cells.map(\.name) == ["INV", "NAND2"])
    let inverter = library.cells[0]
    #expect(inverter.kind == .inv)
    #expect(inverter.area == 16)
    #expect(abs((inverter.leakagePower ?? 0) - 0.5e-9) < 1e-21)
    #expect(abs(inverter.inputCapacitance[0] - 10) < 1e-9, "0.01 pF is 10 fF")
    let nand = library.cells[1]
    #expect(nand.kind == .nand2)
    #expect(nand.nldm?.arcs[0].map(\.input) == [0, 1], "related_pin \"A B\" gives one arc per pin")
    // Sequential and three-state cells are skipped with a note, not an error.
    #expect(library.notes.count == 2)
    #expect(library.notes[0].contains("tiny.lib:") && library.notes[0].contains("DFF") && library.notes[0].contains("sequential"))
    #expect(library.notes[1].contains("TBUF") && library.notes[1].contains("three-state"))
    // The flip-flop's D pin is the primary-output load (9 fF).
    #expect(abs(library.primaryOutputLoad - 9) < 1e-9)
  }

  @Test func tablesAreTransposedToSlewByLoadInSIUnits() throws {
    let library = try CellLibrary.liberty(LibertyFiles.small, file: "tiny.lib")
    let rise = try #require(library.cells[0].nldm?.arcs[0][0].cellRise)
    // index_1 is the load (0.01, 0.1 pF), index_2 the slew (0.1, 1 ns): values("0.1, 0.2", "0.3, 0.5")
    // are rows by load. At load 0.1 pF and slew 0.1 ns the file says 0.3 ns.
    #expect(zip(rise.slews, [0.1e-9, 1e-9]).allSatisfy { abs($0 - $1) < 1e-21 } && rise.slews.count == 2)
    #expect(zip(rise.loads, [0.01e-12, 0.1e-12]).allSatisfy { abs($0 - $1) < 1e-24 } && rise.loads.count == 2)
    #expect(abs(rise.value(slew: 0.1e-9, load: 0.1e-12) - 0.3e-9) < 1e-18)
    #expect(abs(rise.value(slew: 1e-9, load: 0.01e-12) - 0.2e-9) < 1e-18)
    let energy = try #require(library.cells[0].nldm?.outputEnergy[0].first?.rise)
    // Energies are in pF * V^2 = pJ.
    #expect(abs(energy.value(slew: 1e-9, load: 0.01e-12) - 0.03e-12) < 1e-24)
  }

  @Test(arguments: [
    ("A B", 0x8888), ("A*B", 0x8888), ("A&B", 0x8888), ("(A B)", 0x8888), ("A+B", 0xEEEE), ("A|B", 0xEEEE),
    ("A^B", 0x6666), ("!A", 0x5555), ("A'", 0x5555), ("!(A B)", 0x7777), ("(A B)'", 0x7777), ("!(A+B)", 0x1111),
    ("!A B", 0x4444), ("A+B C", 0xEAEA), ("(A+B) C", 0xE0E0), ("A^B C", 0x6060), ("A^B+C", 0xF6F6),
    ("(!((S A) + (!S B)))", 0x5353), ("(((A B)+(B C))+(C A))", 0xE8E8), ("((A^B)^C)", 0x9696), ("0", 0), ("1", 0xFFFF),
    ("!(A B + C D)", 0x0777), ("A B'", 0x2222),
  ])
  func functionGrammar(expression: String, expected: Int) throws {
    let pins = expression.contains("S") ? ["A", "B", "S"] : ["A", "B", "C", "D"]
    let table = try LibertyFunction.truthTable(expression, pins: pins).get()
    #expect(UInt16(truncatingIfNeeded: table) == UInt16(expected), "\(expression)")
  }

  @Test func functionErrorsSayWhatWasExpected() {
    guard case .failure(let unknown) = LibertyFunction.truthTable("A & Z", pins: ["A", "B"]) else {
      Issue.record("an unknown pin must not parse")
      return
    }
    #expect(unknown.message.contains("unknown pin 'Z'"))
    guard case .failure(let open) = LibertyFunction.truthTable("(A B", pins: ["A", "B"]) else {
      Issue.record("an unclosed parenthesis must not parse")
      return
    }
    #expect(open.message.contains("expected ')'"))
  }

  static func failure(_ text: String) -> LibertyError? {
    do {
      _ = try CellLibrary.liberty(text, file: "bad.lib")
      return nil
    } catch let error as LibertyError {
      return error
    } catch {
      return nil
    }
  }

  @Test func aTruncatedFileNamesTheLastLine() throws {
    let lines = LibertyFiles.small.split(separator: "\n", omittingEmptySubsequences: false)
    let truncated = lines.prefix(40).joined(separator: "\n")
    let error = try #require(Self.failure(truncated))
    #expect(error.line == 40)
    #expect(error.description.hasPrefix("bad.lib:40: error: expected '}'"))
    #expect(error.message.contains("truncated"))
  }

  @Test func aMalformedGroupNamesItsLine() throws {
    let text = "library (x) {\n  nom_voltage : 1.8;\n  cell (INV {\n  }\n}\n"
    let error = try #require(Self.failure(text))
    #expect(error.line == 3)
    #expect(error.message.contains("expected a value or ')'"))
    let missingColon = "library (x) {\n  nom_voltage 1.8;\n}\n"
    let second = try #require(Self.failure(missingColon))
    #expect(second.line == 2)
    #expect(second.message.contains("expected ':' or '('"))
  }

  @Test func anUnknownUnitNamesItsLine() throws {
    let text = LibertyFiles.small.replacingOccurrences(of: "time_unit : \"1ns\"", with: "time_unit : \"1fortnight\"")
    let error = try #require(Self.failure(text))
    #expect(error.line == 3)
    #expect(error.description.contains("bad.lib:3: error: unknown time unit \"1fortnight\""))
    let capacitance = LibertyFiles.small.replacingOccurrences(of: "capacitive_load_unit (1, pf)", with: "capacitive_load_unit (1, bf)")
    let second = try #require(Self.failure(capacitance))
    #expect(second.line == 6)
    #expect(second.message.contains("unknown capacitive load unit"))
  }

  @Test func aWrongTableSizeNamesTheValuesLine() throws {
    let text = LibertyFiles.small.replacingOccurrences(of: "cell_fall (t2) { values (\"0.05, 0.15\", \"0.25, 0.45\"); }",
                                                       with: "cell_fall (t2) { values (\"0.05, 0.15\", \"0.25\"); }")
    let error = try #require(Self.failure(text))
    #expect(error.line == 32)
    #expect(error.message.contains("expected 2 x 2 = 4 values in cell_fall of cell INV, found 3"))
  }

  @Test func aMissingFileNamesTheDebianPackage() throws {
    do {
      _ = try CellLibrary.liberty(path: "/nonexistent/x.lib")
      Issue.record("a missing file must throw")
    } catch let error as LibertyError {
      #expect(error.description == "/nonexistent/x.lib: error: no such Liberty file")
    }
    #expect(throws: LogicError.self) { try CellLibrary.named("osu999") }
    #expect(try CellLibrary.named("generic45").name == CellLibrary.cmos45nm.name)
  }

  @Test(.requires("qflow-tech-osu018 (make test installs it)", LibertyFiles.osu018Available))
  func readsOSU018() throws {
    let library = try CellLibrary.named("osu018")
    #expect(library.cells.count == 26)
    #expect(library.notes.count == 6, "4 sequential cells and 2 tri-state buffers: \(library.notes)")
    #expect(library.nominalVoltage == 1.8)
    let and2 = try #require(library.cells.first { $0.name == "AND2X1" })
    #expect(and2.kind == .and2)
    #expect(and2.area == 32)
    #expect(abs((and2.leakagePower ?? 0) - 0.0746794e-9) < 1e-18)
    #expect(abs(and2.inputCapacitance[0] - 12.9077) < 1e-9)
    // cell_rise of the A arc at load 0.005 pF (index_1) and slew 0.06 ns (index_2): 0.06367 ns.
    let arc = try #require(and2.nldm?.arcs[0].first { $0.input == 0 })
    #expect(arc.sense == .positiveUnate)
    #expect(abs((arc.cellRise?.value(slew: 0.06e-9, load: 0.005e-12) ?? 0) - 0.06367e-9) < 1e-18)
    let fullAdder = try #require(library.cells.first { $0.name == "FAX1" })
    #expect(fullAdder.outputPins == ["YC", "YS"])
    #expect(fullAdder.functions == [0xE8E8, 0x9696])
    #expect(library.cells.first { $0.name == "AOI22X1" }?.functions == [0x0777])
    #expect(library.cells.first { $0.name == "MUX2X1" }?.functions == [0x5353])
    let osu035Available = LibertyFiles.osu035Available
    if osu035Available { #expect(try CellLibrary.named("osu035").cells.count >= 20) }
  }
}
