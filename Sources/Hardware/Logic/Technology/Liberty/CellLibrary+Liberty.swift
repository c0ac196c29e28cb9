import Foundation

/// Reading a cell library from a Liberty file.
///
/// Read: units, `nom_voltage`, `lu_table_template` / `power_lut_template`, and per cell its
/// `area`, `cell_leakage_power`, pins (`direction`, `capacitance`, `function`), timing
/// arcs (`related_pin`, `timing_sense`, `cell_rise`, `cell_fall`, `rise_transition`,
/// `fall_transition`) and `internal_power` (`rise_power`, `fall_power`, or `power`).
/// Skipped, each with a note in `notes`: sequential cells (`ff`, `latch`, `statetable`),
/// cells with a three-state, bidirectional or bus output, `dont_use` cells, cells without
/// a function, and cells of more than four inputs (beyond the mapper's cuts).
extension CellLibrary {
  /// Reads a library from Liberty text; `file` names it in errors and notes.
  public static func liberty(_ text: String, file: String, assumptions: LibertyAssumptions = LibertyAssumptions()) throws
    -> CellLibrary
  {
    let root = try LibertyParser.parse(text, file: file)
    var reader = LibertyReader(file: file)
    return try reader.library(root, assumptions: assumptions)
  }

  /// Reads a library from a `.lib` file; a missing file is an error naming it.
  public static func liberty(path: String, assumptions: LibertyAssumptions = LibertyAssumptions()) throws -> CellLibrary {
    guard FileManager.default.fileExists(atPath: path) else {
      throw LibertyError(file: path, line: 0, "no such Liberty file")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw LibertyError(file: path, line: 0, "cannot read the file")
    }
    return try liberty(String(decoding: data, as: UTF8.self), file: path, assumptions: assumptions)
  }
}

/// Turns the groups of a Liberty file into cells.
struct LibertyReader {
  let file: String
  var units = LibertyUnits()
  var templates: [String: Template] = [:]
  var notes: [String] = []

  init(file: String) { self.file = file }

  /// A table template: what each index measures and its default points.
  struct Template {
    var variables: [Variable]
    var indices: [[Double]]
  }

  enum Variable {
    case slew
    case load
    case other(String)
  }

  func error(_ line: Int, _ message: String) -> LibertyError { LibertyError(file: file, line: line, message) }

  static func variable(_ name: String) -> Variable {
    switch name {
    case "input_net_transition", "input_transition_time": return .slew
    case "total_output_net_capacitance": return .load
    default: return .other(name)
    }
  }

  mutating func library(_ root: LibertyGroup, assumptions: LibertyAssumptions) throws -> CellLibrary {
    guard root.type == "library" else {
      throw error(root.line, "expected a 'library' group, found '\(root.type)'")
    }
    units = try LibertyUnits.read(root, file: file)
    for group in root.groups where group.type == "lu_table_template" || group.type == "power_lut_template" {
      var variables: [Variable] = []
      var indices: [[Double]] = []
      for k in 1...3 {
        guard let name = group.string("variable_\(k)") else { break }
        variables.append(Self.variable(name))
        indices.append(try numbers(group.attribute("index_\(k)"), in: group) ?? [])
      }
      templates[group.name] = Template(variables: variables, indices: indices)
    }
    let voltage: Double
    if let text = root.string("nom_voltage") {
      guard let v = Double(text) else { throw error(root.attribute("nom_voltage")?.line ?? root.line, "expected a number for nom_voltage, found \"\(text)\"") }
      voltage = v * units.voltage
    } else if let conditions = root.groups("operating_conditions").first, let v = conditions.string("voltage").flatMap(Double.init) {
      voltage = v * units.voltage
    } else {
      throw error(root.line, "expected 'nom_voltage' or an 'operating_conditions' group with a voltage in library \(root.name)")
    }
    var cells: [CellType] = []
    var flipFlopLoad: Double?
    for group in root.groups where group.type == "cell" {
      if flipFlopLoad == nil, group.groups("ff").first != nil,
         let d = group.groups("pin").first(where: { $0.name == "D" }), let c = d.string("capacitance").flatMap(Double.init) {
        flipFlopLoad = c * units.capacitance
      }
      if let cell = try cell(group) { cells.append(cell) }
    }
    let smallestSlew = cells.compactMap { $0.nldm }.flatMap { $0.arcs.flatMap { $0 } }
      .compactMap { $0.cellRise?.slews.first ?? $0.cellFall?.slews.first }.min() ?? 0
    let inverterInput = cells.filter { $0.kind == .inv }.map { $0.inputCapacitance[0] * 1e-15 }.min() ?? 0
    let threshold = assumptions.thresholdVoltage ?? 0.25 * voltage
    var library = CellLibrary(
      name: root.name, cells: cells, tau: 1e-12, unitCapacitance: 1e-15,
      wireCapacitancePerFanout: assumptions.wireCapacitancePerFanout / 1e-15,
      primaryOutputLoad: (assumptions.primaryOutputLoad ?? flipFlopLoad ?? 4 * inverterInput) / 1e-15,
      nominalVoltage: voltage, thresholdVoltage: threshold, alpha: assumptions.alpha,
      minimumVoltage: assumptions.minimumVoltage ?? 0.5 * voltage, leakagePerTransistor: 0,
      leakageVoltageCoefficient: assumptions.leakageVoltageCoefficient,
      calibration: CellLibrary.EnergyCalibration(energyPerMultiplication: 0, multiplierBits: 8, operations: 0, seed: 0))
    library.timingModel = .nldm
    library.primaryInputSlew = assumptions.primaryInputSlew ?? smallestSlew
    library.areaUnit = "Liberty area units"
    library.source = file
    library.sourceLine = root.line
    library.notes = notes
    return library
  }

  func numbers(_ attribute: LibertyAttribute?, in group: LibertyGroup) throws -> [Double]? {
    guard let attribute else { return nil }
    var result: [Double] = []
    for value in attribute.values {
      guard let xs = value.numbers else {
        throw error(attribute.line, "expected numbers in '\(attribute.name)' of '\(group.type)', found \"\(value.text)\"")
      }
      result += xs
    }
    return result
  }

  /// One cell, or nil (with a note) for what the models do not cover.
  mutating func cell(_ group: LibertyGroup) throws -> CellType? {
    let name = group.name
    func skip(_ why: String) -> CellType? {
      notes.append("\(file):\(group.line): cell \(name) skipped: \(why)")
      return nil
    }
    if let kind = group.groups.first(where: { ["ff", "latch", "ff_bank", "latch_bank", "statetable"].contains($0.type) }) {
      return skip("sequential (\(kind.type) group)")
    }
    if group.string("dont_use") == "true" { return skip("marked dont_use") }
    if group.groups.contains(where: { $0.type == "bus" || $0.type == "bundle" }) { return skip("bus or bundle pins") }
    var inputs: [LibertyGroup] = []
    var outputs: [LibertyGroup] = []
    for pin in group.groups("pin") {
      switch pin.string("direction") {
      case "input": inputs.append(pin)
      case "output":
        if pin.attribute("three_state") != nil { return skip("three-state output \(pin.name)") }
        outputs.append(pin)
      case let other: return skip("pin \(pin.name) has direction \(other ?? "none")")
      }
    }
    guard !outputs.isEmpty else { return skip("no output pin") }
    guard outputs.count <= 2 else { return skip("more than two outputs") }
    guard inputs.count <= 4 else { return skip("more than four inputs (beyond the mapper's cuts)") }
    let pinNames = inputs.map(\.name)
    var functions: [UInt16] = []
    for pin in outputs {
      guard let attribute = pin.attribute("function"), let text = attribute.values.first?.text else {
        return skip("output \(pin.name) has no function")
      }
      switch LibertyFunction.truthTable(text, pins: pinNames) {
      case .success(let table): functions.append(UInt16(truncatingIfNeeded: table))
      case .failure(let failure):
        throw error(attribute.line, "cannot read the function of \(name).\(pin.name): \(failure.message)")
      }
    }
    var inputCapacitance: [Double] = []
    for pin in inputs {
      guard let text = pin.string("capacitance") else {
        throw error(pin.line, "expected a 'capacitance' attribute on input pin \(name).\(pin.name)")
      }
      guard let c = Double(text) else {
        throw error(pin.attribute("capacitance")?.line ?? pin.line, "expected a number for the capacitance of \(name).\(pin.name), found \"\(text)\"")
      }
      inputCapacitance.append(c * units.capacitance / 1e-15)
    }
    var arcs: [[NLDMCell.Arc]] = []
    var outputEnergy: [[NLDMCell.Energy]] = []
    for pin in outputs {
      var pinArcs: [NLDMCell.Arc] = []
      for timing in pin.groups("timing") {
        if let type = timing.string("timing_type"), !["combinational", "combinational_rise", "combinational_fall"].contains(type) {
          continue
        }
        let sense: NLDMCell.Sense
        switch timing.string("timing_sense") {
        case "positive_unate": sense = .positiveUnate
        case "negative_unate": sense = .negativeUnate
        case "non_unate", nil: sense = .nonUnate
        case let other?:
          throw error(timing.attribute("timing_sense")?.line ?? timing.line,
                      "expected positive_unate, negative_unate or non_unate for timing_sense, found \"\(other)\"")
        }
        let related = try relatedPins(timing, pins: pinNames, cell: name)
        let tables = try ["cell_rise", "cell_fall", "rise_transition", "fall_transition"].map { type in
          try timing.groups(type).first.map { try table($0, scale: units.time, cell: name) }
        }
        for input in related {
          pinArcs.append(NLDMCell.Arc(input: input, sense: sense, cellRise: tables[0], cellFall: tables[1],
                                      riseTransition: tables[2], fallTransition: tables[3]))
        }
      }
      arcs.append(pinArcs)
      var energies: [NLDMCell.Energy] = []
      for power in pin.groups("internal_power") {
        let related = try relatedPins(power, pins: pinNames, cell: name, optional: true)
        let entry = try energy(power, cell: name)
        if related.isEmpty {
          energies.append(NLDMCell.Energy(input: nil, rise: entry.rise, fall: entry.fall))
        } else {
          for input in related { energies.append(NLDMCell.Energy(input: input, rise: entry.rise, fall: entry.fall)) }
        }
      }
      outputEnergy.append(energies)
    }
    var inputEnergy: [NLDMCell.Energy?] = []
    for pin in inputs {
      if let power = pin.groups("internal_power").first {
        let entry = try energy(power, cell: name)
        inputEnergy.append(NLDMCell.Energy(input: nil, rise: entry.rise, fall: entry.fall))
      } else {
        inputEnergy.append(nil)
      }
    }
    let area: Double
    if let text = group.string("area") {
      guard let a = Double(text) else { throw error(group.attribute("area")?.line ?? group.line, "expected a number for the area of \(name), found \"\(text)\"") }
      area = a
    } else {
      area = 0
    }
    var leakage: Double?
    if let text = group.string("cell_leakage_power") {
      guard let p = Double(text) else {
        throw error(group.attribute("cell_leakage_power")?.line ?? group.line, "expected a number for the leakage of \(name), found \"\(text)\"")
      }
      leakage = p * units.leakagePower
    }
    return CellType(
      name: name, inputPins: pinNames, outputPins: outputs.map(\.name), functions: functions, area: area,
      inputCapacitance: inputCapacitance,
      outputCapacitance: outputs.map { ($0.string("capacitance").flatMap(Double.init) ?? 0) * units.capacitance / 1e-15 },
      leakagePower: leakage, nldm: NLDMCell(arcs: arcs, outputEnergy: outputEnergy, inputEnergy: inputEnergy))
  }

  /// The input pins named by `related_pin` (space-separated names).
  func relatedPins(_ group: LibertyGroup, pins: [String], cell: String, optional: Bool = false) throws -> [Int] {
    guard let attribute = group.attribute("related_pin"), let text = attribute.values.first?.text else {
      if optional { return [] }
      throw error(group.line, "expected a 'related_pin' in the \(group.type) group of cell \(cell)")
    }
    return try text.split(separator: " ").map { name in
      guard let index = pins.firstIndex(of: String(name)) else {
        throw error(attribute.line, "related_pin \"\(name)\" is not an input of cell \(cell) (inputs: \(pins.joined(separator: ", ")))")
      }
      return index
    }
  }

  /// The rise and fall energy tables of an `internal_power` group (`power` stands for both).
  func energy(_ group: LibertyGroup, cell: String) throws -> (rise: NLDMTable?, fall: NLDMTable?) {
    let both = try group.groups("power").first.map { try table($0, scale: units.energy, cell: cell) }
    let rise = try group.groups("rise_power").first.map { try table($0, scale: units.energy, cell: cell) } ?? both
    let fall = try group.groups("fall_power").first.map { try table($0, scale: units.energy, cell: cell) } ?? both
    return (rise, fall)
  }

  /// A lookup table, its axes mapped to slew (seconds) and load (farads), values times `scale`.
  func table(_ group: LibertyGroup, scale: Double, cell: String) throws -> NLDMTable {
    let what = "\(group.type) of cell \(cell)"
    let template: Template
    if group.name == "scalar" {
      template = Template(variables: [], indices: [])
    } else if let found = templates[group.name] {
      template = found
    } else {
      throw error(group.line, "unknown table template '\(group.name)' in \(what): expected one of the library's lu_table_template or power_lut_template names")
    }
    var indices: [[Double]] = []
    for (k, fallback) in template.indices.enumerated() {
      indices.append(try numbers(group.attribute("index_\(k + 1)"), in: group) ?? fallback)
    }
    guard let valuesAttribute = group.attribute("values") else { throw error(group.line, "expected 'values' in \(what)") }
    guard let values = try numbers(valuesAttribute, in: group) else { throw error(group.line, "expected 'values' in \(what)") }
    let expected = indices.reduce(1) { $0 * max(1, $1.count) }
    guard values.count == expected else {
      throw error(valuesAttribute.line, "expected \(indices.map { String($0.count) }.joined(separator: " x ")) = \(expected) values in \(what), found \(values.count)")
    }
    var slews = [0.0], loads = [0.0]
    var slewAxis = -1, loadAxis = -1
    for (k, variable) in template.variables.enumerated() {
      if indices[k].isEmpty {
        throw error(group.line, "expected index_\(k + 1) in \(what) or in its template '\(group.name)'")
      }
      switch variable {
      case .slew:
        slewAxis = k
        slews = indices[k].map { $0 * units.time }
      case .load:
        loadAxis = k
        loads = indices[k].map { $0 * units.capacitance }
      case .other(let name):
        if indices[k].count > 1 {
          throw error(group.line, "table variable '\(name)' of template '\(group.name)' in \(what) is not supported: expected input_net_transition or total_output_net_capacitance")
        }
      }
    }
    var result = [Double](repeating: 0, count: slews.count * loads.count)
    for i in 0..<slews.count {
      for j in 0..<loads.count {
        // Position in the file's row-major order over the template's variables.
        var position = 0
        for k in 0..<indices.count {
          let index = k == slewAxis ? i : k == loadAxis ? j : 0
          position = position * max(1, indices[k].count) + index
        }
        result[i * loads.count + j] = values[position] * scale
      }
    }
    return NLDMTable(slews: slews, loads: loads, values: result)
  }
}
