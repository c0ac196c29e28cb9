/// What the technology mapper requires of a library.
extension CellLibrary {
  /// Throws unless the library has what the technology mapper needs: an inverter
  /// (function `!A`) and a two-input cell computing AND, NAND, OR or NOR.
  public func checkMappable() throws {
    let origin = source.map { " (\($0):\(sourceLine))" } ?? ""
    guard cellIndex(of: .inv) != nil else {
      throw LogicError(.missingCell, "library \(name)\(origin) has no inverter (a cell with function \"!A\"), which the technology mapper needs")
    }
    guard [CellKind.nand2, .and2, .nor2, .or2].contains(where: { cellIndex(of: $0) != nil }) else {
      throw LogicError(.missingCell, "library \(name)\(origin) has no two-input AND, NAND, OR or NOR cell (function \"A B\", \"!(A B)\", \"A+B\" or \"!(A+B)\"), which the technology mapper needs")
    }
  }
}
