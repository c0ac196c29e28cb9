import Foundation

/// The units a Liberty file states, as SI multipliers.
///
/// Internal-power tables carry energies in `capacitive_load_unit * voltage_unit^2` (the
/// Liberty convention, Synopsys Liberty Reference Manual, "internal_power group"), so that
/// energy unit is derived rather than read.
public struct LibertyUnits: Hashable, Sendable {
  /// Seconds per time unit (`time_unit`; Liberty's default is 1 ns).
  public var time: Double = 1e-9
  /// Farads per capacitance unit (`capacitive_load_unit`; default 1 pF).
  public var capacitance: Double = 1e-12
  /// Volts per voltage unit (`voltage_unit`; default 1 V).
  public var voltage: Double = 1
  /// Watts per leakage-power unit (`leakage_power_unit`; default 1 nW).
  public var leakagePower: Double = 1e-9

  /// Joules per internal-power table unit.
  public var energy: Double { capacitance * voltage * voltage }

  /// Creates the default units.
  public init() {}

  /// The SI multiplier of a unit written like `"1ns"`, `"10ps"`, `"1uW"` whose base is
  /// one of `bases` (compared case-insensitively); nil when it does not read as one.
  static func multiplier(_ text: String, bases: [String]) -> Double? {
    let t = text.trimmingCharacters(in: .whitespaces)
    var digits = ""
    var rest = Substring(t)
    while let c = rest.first, c.isNumber || c == "." {
      digits.append(c)
      rest = rest.dropFirst()
    }
    let scale = digits.isEmpty ? 1 : Double(digits)
    guard let scale else { return nil }
    let unit = rest.trimmingCharacters(in: .whitespaces).lowercased()
    for base in bases {
      let b = base.lowercased()
      guard unit.hasSuffix(b) else { continue }
      let prefix = String(unit.dropLast(b.count))
      let prefixes: [String: Double] = ["": 1, "k": 1e3, "m": 1e-3, "u": 1e-6, "n": 1e-9, "p": 1e-12, "f": 1e-15]
      if let p = prefixes[prefix] { return scale * p }
    }
    return nil
  }

  /// Reads the unit attributes of a library group.
  static func read(_ library: LibertyGroup, file: String) throws -> LibertyUnits {
    var units = LibertyUnits()
    func simple(_ name: String, bases: [String], example: String) throws -> Double? {
      guard let attribute = library.attribute(name), let text = attribute.values.first?.text else { return nil }
      guard let value = multiplier(text, bases: bases) else {
        throw LibertyError(file: file, line: attribute.line,
                           "unknown \(name.replacingOccurrences(of: "_", with: " ")) \"\(text)\": expected a number, an SI prefix (f, p, n, u, m, k) and \(bases.joined(separator: " or ")), like \"\(example)\"")
      }
      return value
    }
    if let t = try simple("time_unit", bases: ["s"], example: "1ns") { units.time = t }
    if let v = try simple("voltage_unit", bases: ["v"], example: "1V") { units.voltage = v }
    if let p = try simple("leakage_power_unit", bases: ["w"], example: "1nW") { units.leakagePower = p }
    if let attribute = library.attribute("capacitive_load_unit") {
      let values = attribute.values.map(\.text)
      guard values.count == 2, let scale = Double(values[0]),
            let unit = multiplier("1" + values[1], bases: ["f"])
      else {
        throw LibertyError(file: file, line: attribute.line,
                           "unknown capacitive load unit (\(values.joined(separator: ", "))): expected a number and ff, pf or nf, like (1, pf)")
      }
      units.capacitance = scale * unit
    }
    return units
  }
}
