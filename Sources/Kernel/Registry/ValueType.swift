/// The type of a builtin's parameter or result, checked when arguments are bound
/// and shown in the language reference.
public indirect enum ValueType: Sendable, CustomStringConvertible {
  /// Anything.
  case any
  /// `true` or `false`.
  case bool
  /// Any number.
  case number
  /// A whole number.
  case int
  /// A string.
  case string
  /// A list of anything.
  case list
  /// A list whose elements all have one type (`list[number]`).
  case listOf(ValueType)
  /// A record.
  case record
  /// A language function or a builtin.
  case function
  /// Rows: a list of records, a record of equal-length columns, or a tabular object (a History).
  case rows
  /// A domain object of the named type (`Model`).
  case object(String)
  /// Any of several types (`string|list[string]`).
  case oneOf([ValueType])
  /// `none` (as a result).
  case none

  /// How the type reads in signatures and errors.
  public var description: String {
    switch self {
    case .any: "any"
    case .bool: "bool"
    case .number: "number"
    case .int: "int"
    case .string: "string"
    case .list: "list"
    case .listOf(let element): "list[\(element)]"
    case .record: "record"
    case .function: "function"
    case .rows: "rows"
    case .object(let name): name
    case .oneOf(let types): types.map(\.description).joined(separator: "|")
    case .none: "none"
    }
  }

  /// `a number`, `an int`: the type with an article, for errors.
  var withArticle: String {
    switch self {
    case .int: return "an integer"
    case .any: return "a value"
    case .listOf(let element): return "a list of \(element.plural)"
    case .rows: return "rows (records or columns)"
    case .oneOf(let types):
      let parts = types.map(\.withArticle)
      return parts.count < 2 ? parts.joined() : parts.dropLast().joined(separator: ", ") + " or " + parts[parts.count - 1]
    case .object(let name): return "a \(name)"
    case .none: return "none"
    default: return "a \(description)"
    }
  }

  private var plural: String {
    switch self {
    case .int: "integers"
    case .listOf: "lists"
    case .object(let name) where name.hasSuffix("y"): "\(name.dropLast())ies"
    default: "\(description)s"
    }
  }

  /// The element type of the list types this type allows, for pointing at a bad element.
  var listElementType: ValueType? {
    switch self {
    case .listOf(let element): return element
    case .oneOf(let types): return types.lazy.compactMap(\.listElementType).first
    default: return nil
    }
  }

  /// Whether `value` has this type.
  public func accepts(_ value: Value) -> Bool {
    switch (self, value) {
    case (.any, _): return true
    case (.bool, .bool), (.number, .number), (.string, .string), (.list, .list), (.record, .record): return true
    case (.none, .none): return true
    case (.int, .number(let x)): return x == x.rounded() && abs(x) < 1e15
    case (.listOf(let element), .list(let items)): return items.allSatisfy(element.accepts)
    case (.function, .function), (.function, .builtin): return true
    case (.rows, .list(let items)):
      return items.allSatisfy { if case .record = $0 { return true } else { return false } }
    case (.rows, .record(let record)):
      return record.fields.allSatisfy { if case .list = $0.value { return true } else { return false } }
    case (.rows, .object(let object)): return object.rows() != nil
    case (.object(let name), .object(let object)): return object.instanceTypeName == name
    case (.oneOf(let types), _): return types.contains { $0.accepts(value) }
    default: return false
    }
  }
}
