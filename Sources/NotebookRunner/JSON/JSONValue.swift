import Charts
import Foundation

/// A JSON document with ordered object keys, written deterministically for diffing.
enum JSONValue: Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    lhs.serialized() == rhs.serialized()
  }

  /// A number, or a string naming it when JSON cannot hold it (`"NaN"`, `"Infinity"`).
  static func finite(_ number: Double) -> JSONValue {
    if number.isNaN { return .string("NaN") }
    if number.isInfinite { return .string(number < 0 ? "-Infinity" : "Infinity") }
    return .number(number)
  }

  /// Pretty-printed text: two-space indents, arrays of scalars on one line (one table row per line).
  func serialized(indent: Int = 0) -> String {
    let pad = String(repeating: "  ", count: indent)
    let inner = String(repeating: "  ", count: indent + 1)
    switch self {
    case .null: return "null"
    case .bool(let flag): return flag ? "true" : "false"
    case .number(let number): return Self.format(number)
    case .string(let text): return Self.quote(text)
    case .array(let items):
      if items.isEmpty { return "[]" }
      if items.allSatisfy(\.isScalar) {
        return "[" + items.map { $0.serialized() }.joined(separator: ", ") + "]"
      }
      return "[\n" + items.map { inner + $0.serialized(indent: indent + 1) }.joined(separator: ",\n") + "\n\(pad)]"
    case .object(let fields):
      if fields.isEmpty { return "{}" }
      return "{\n"
        + fields.map { inner + Self.quote($0.0) + ": " + $0.1.serialized(indent: indent + 1) }.joined(separator: ",\n")
        + "\n\(pad)}"
    }
  }

  private var isScalar: Bool {
    switch self {
    case .array, .object: false
    default: true
    }
  }

  /// Integral values without a fraction; others in Swift's shortest round-tripping form.
  private static func format(_ number: Double) -> String {
    guard number.isFinite else { return "null" }
    if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
    return "\(number)"
  }

  /// `<` is escaped too, so a sidecar pasted into HTML cannot close a script element.
  private static let escapes = Escaping.stringLiteral.merging(["<": "\\u003c"]) { $1 }

  private static func quote(_ text: String) -> String {
    let escaped = Escaping.escape(text, escapes) { scalar in
      scalar.value < 0x20 ? String(format: "\\u%04x", scalar.value) : nil
    }
    return "\"" + escaped + "\""
  }

  /// Converts an `Encodable` value through Foundation's encoder and back, keys sorted (for chart
  /// specs, whose fields belong to another module).
  static func encoding<T: Encodable>(_ value: T) -> JSONValue {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    guard let data = try? encoder.encode(value),
      let decoded = try? JSONDecoder().decode(Decoded.self, from: data)
    else { return .null }
    return decoded.value
  }

  /// Reads any JSON back; JSONDecoder is strict about types, so the order of attempts tells
  /// `true` from `1`.
  private struct Decoded: Decodable {
    var value: JSONValue

    init(from decoder: Decoder) throws {
      if let container = try? decoder.container(keyedBy: Key.self) {
        value = .object(try container.allKeys.map(\.stringValue).sorted().map { name in
          (name, try container.decode(Decoded.self, forKey: Key(stringValue: name)).value)
        })
        return
      }
      if var container = try? decoder.unkeyedContainer() {
        var items: [JSONValue] = []
        while !container.isAtEnd { items.append(try container.decode(Decoded.self).value) }
        value = .array(items)
        return
      }
      let container = try decoder.singleValueContainer()
      if container.decodeNil() {
        value = .null
      } else if let flag = try? container.decode(Bool.self) {
        value = .bool(flag)
      } else if let number = try? container.decode(Double.self) {
        value = .number(number)
      } else {
        value = .string(try container.decode(String.self))
      }
    }

    private struct Key: CodingKey {
      var stringValue: String
      var intValue: Int? { nil }
      init(stringValue: String) { self.stringValue = stringValue }
      init?(intValue: Int) { nil }
    }
  }
}
