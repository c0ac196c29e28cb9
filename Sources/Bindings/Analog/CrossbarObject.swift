import Hardware
import Kernel
import NeuralNetwork
import Techniques

/// An RRAM crossbar configuration in the language: `xbar.rows`, `xbar.map(net)`; displays its settings.
public final class CrossbarObject: LabObject {
  /// `Crossbar`.
  public static let typeName = "Crossbar"
  /// The wrapped settings.
  public let configuration: CrossbarConfiguration

  /// Wraps a configuration.
  public init(_ configuration: CrossbarConfiguration) {
    self.configuration = configuration
  }

  static let memberDocs: [(name: String, doc: String)] = [
    ("rows", "Rows (inputs) per tile."),
    ("cols", "Columns (outputs) per tile; each holds a differential pair of devices."),
    ("g_min", "The smallest programmable conductance, in microsiemens."),
    ("g_max", "The largest programmable conductance, in microsiemens."),
    ("levels", "Conductance levels per device, or none for continuous values."),
    ("adc_bits", "Column ADC resolution in bits, or none for ideal outputs."),
    ("dac_bits", "Input DAC resolution in bits, or none for ideal inputs."),
    ("map", "`map(net)`: a table of how each convolution and linear layer of `net` is laid out on tiles."),
  ]

  /// See ``memberDocs``.
  public var memberNames: [String] { CrossbarObject.memberDocs.map(\.name) }

  /// The members of ``memberDocs``.
  public func member(_ name: String) throws -> Value? {
    let c = configuration
    switch name {
    case "rows": return .number(Double(c.rows))
    case "cols": return .number(Double(c.columns))
    case "g_min": return .number(c.minimumConductance)
    case "g_max": return .number(c.maximumConductance)
    case "levels": return c.levels.map { .number(Double($0)) } ?? Value.none
    case "adc_bits": return c.adcBits.map { .number(Double($0)) } ?? Value.none
    case "dac_bits": return c.dacBits.map { .number(Double($0)) } ?? Value.none
    case "map":
      return method(
        name, doc: "How each layer of a network is laid out on tiles.", parameters: [Parameter("net", .object(ModelObject.typeName))],
        returns: .object(TableObject.typeName)
      ) { xbar, args, _ in
        let net = try args.object("net", as: ModelObject.self)
        let network = try NeuralNetworkLibrary.engine("Crossbar.map") {
          try CrossbarNetwork(model: net.model, configuration: xbar.configuration)
        }
        return .object(try CrossbarLibrary.mappingTable(network))
      }
    default: return nil
    }
  }

  /// `<Crossbar 128x128, 1.11-166.7 uS>`.
  public var summary: String {
    let c = configuration
    var parts = ["\(c.rows)x\(c.columns)", "\(Self.conductance(c.minimumConductance))-\(Self.conductance(c.maximumConductance)) uS"]
    if let levels = c.levels { parts.append("\(levels) levels") }
    if let bits = c.dacBits { parts.append("\(bits)-bit DAC") }
    if let bits = c.adcBits { parts.append("\(bits)-bit ADC") }
    return "<Crossbar \(parts.joined(separator: ", "))>"
  }

  /// A table of the settings, with what an unset one means.
  public func display() -> [DisplayItem] {
    let c = configuration
    func number(_ x: Double, _ text: String) -> TableCell { TableCell(text: text, number: x) }
    let rows: [[TableCell]] = [
      [TableCell(text: "tile"), TableCell(text: "\(c.rows) rows x \(c.columns) columns (differential pairs)")],
      [TableCell(text: "g_min"), number(c.minimumConductance, "\(Self.conductance(c.minimumConductance)) uS")],
      [TableCell(text: "g_max"), number(c.maximumConductance, "\(Self.conductance(c.maximumConductance)) uS")],
      [TableCell(text: "levels"), c.levels.map { number(Double($0), "\($0)") } ?? TableCell(text: "continuous")],
      [TableCell(text: "DAC"), c.dacBits.map { number(Double($0), "\($0) bits") } ?? TableCell(text: "ideal")],
      [TableCell(text: "ADC"), c.adcBits.map { number(Double($0), "\($0) bits per tile column") } ?? TableCell(text: "ideal")],
    ]
    return [.table(TableDisplay(columns: ["setting", "value"], rows: rows, caption: "RRAM crossbar"))]
  }

  /// A conductance in uS with up to four significant digits (`1.111`, `166.7`).
  static func conductance(_ x: Double) -> String {
    NumberFormatting.general(x, significant: 4)
  }
}
