extension Value: Equatable {
  /// Structural equality for data; identity for functions and objects.
  public static func == (lhs: Value, rhs: Value) -> Bool {
    switch (lhs, rhs) {
    case (.none, .none): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.list(let a), .list(let b)): return a == b
    case (.record(let a), .record(let b)):
      return a.fields.count == b.fields.count
        && zip(a.fields, b.fields).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    case (.function(let a), .function(let b)): return a === b
    case (.builtin(let a), .builtin(let b)): return a === b
    case (.object(let a), .object(let b)): return a === b
    default: return false
    }
  }
}
