extension Value {
  /// The type name users see in errors (`number`, `string`, `Model`).
  public var typeName: String {
    switch self {
    case .none: "none"
    case .bool: "bool"
    case .number: "number"
    case .string: "string"
    case .list: "list"
    case .record: "record"
    case .function, .builtin: "function"
    case .object(let object): object.instanceTypeName
    }
  }

  /// The number, when the value is one.
  public var number: Double? {
    if case .number(let x) = self { return x }
    return nil
  }

  /// The string, when the value is one.
  public var string: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// `true` for `none`.
  public var isNone: Bool {
    if case .none = self { return true }
    return false
  }
}
