import Foundation

/// The meaning of the operators on every pair of types; nodes try numbers inline first.
enum Operators {
  static func typeError(_ op: BinaryOperator, _ l: Value, _ r: Value, at pos: SourcePos) -> Diagnostic {
    switch op {
    case .contains, .notContains:
      return Diagnostic("cannot test whether a \(l.typeName) is in a \(r.typeName)", at: pos)
    case .power:
      return Diagnostic("cannot raise \(l.typeName) to the power of \(r.typeName)", at: pos)
    default:
      return Diagnostic("cannot \(op.verb) \(l.typeName) and \(r.typeName)", at: pos)
    }
  }

  static func binary(_ op: BinaryOperator, _ l: Value, _ r: Value, at pos: SourcePos) throws -> Value {
    if case .number(let a) = l, case .number(let b) = r { return try numeric(op, a, b, at: pos) }
    switch op {
    case .equal: return .bool(l == r)
    case .notEqual: return .bool(l != r)
    case .add: return try add(l, r, at: pos)
    case .multiply: return try multiply(l, r, at: pos)
    case .less, .lessEqual, .greater, .greaterEqual:
      guard case .string(let a) = l, case .string(let b) = r else { throw typeError(op, l, r, at: pos) }
      switch op {
      case .less: return .bool(a < b)
      case .lessEqual: return .bool(a <= b)
      case .greater: return .bool(a > b)
      default: return .bool(a >= b)
      }
    case .contains: return .bool(try contains(r, l, at: pos))
    case .notContains: return .bool(!(try contains(r, l, at: pos)))
    default: throw typeError(op, l, r, at: pos)
    }
  }

  @inline(__always)
  static func numeric(_ op: BinaryOperator, _ a: Double, _ b: Double, at pos: SourcePos) throws -> Value {
    switch op {
    case .add: return .number(a + b)
    case .subtract: return .number(a - b)
    case .multiply: return .number(a * b)
    case .divide:
      guard b != 0 else { throw Diagnostic("division by zero", at: pos) }
      return .number(a / b)
    case .modulo:
      guard b != 0 else { throw Diagnostic("modulo by zero", at: pos) }
      return .number(floorMod(a, b))
    case .power: return .number(Foundation.pow(a, b))
    case .equal: return .bool(a == b)
    case .notEqual: return .bool(a != b)
    case .less: return .bool(a < b)
    case .lessEqual: return .bool(a <= b)
    case .greater: return .bool(a > b)
    case .greaterEqual: return .bool(a >= b)
    case .contains, .notContains: throw typeError(op, .number(a), .number(b), at: pos)
    }
  }

  /// The remainder with the sign of the divisor, as in Python: `-7 % 3` is 2.
  @inline(__always)
  static func floorMod(_ a: Double, _ b: Double) -> Double {
    let r = fmod(a, b)
    return (r != 0 && (r < 0) != (b < 0)) ? r + b : r
  }

  static func add(_ l: Value, _ r: Value, at pos: SourcePos) throws -> Value {
    switch (l, r) {
    case (.string(let a), .string(let b)):
      try checkString(a.utf8.count + b.utf8.count, at: pos)
      return .string(a + b)
    case (.list(var a), .list(let b)):
      try checkList(a.count + b.count, at: pos)
      a.append(contentsOf: b)
      return .list(a)
    case (.record(var a), .record(let b)):
      for field in b.fields { a.set(field.key, field.value) }
      return .record(a)
    default:
      throw typeError(.add, l, r, at: pos)
    }
  }

  /// `list * n` and `string * n` repeat.
  static func multiply(_ l: Value, _ r: Value, at pos: SourcePos) throws -> Value {
    switch (l, r) {
    case (.list(let items), .number(let n)), (.number(let n), .list(let items)):
      let times = try repeatCount(n, at: pos)
      try checkList(product(items.count, times), at: pos)
      return .list(Array([[Value]](repeating: items, count: times).joined()))
    case (.string(let s), .number(let n)), (.number(let n), .string(let s)):
      let times = try repeatCount(n, at: pos)
      try checkString(product(s.utf8.count, times), at: pos)
      return .string(String(repeating: s, count: times))
    default:
      throw typeError(.multiply, l, r, at: pos)
    }
  }

  static func repeatCount(_ n: Double, at pos: SourcePos) throws -> Int {
    guard n == n.rounded(), n >= 0, n < 1e15 else {
      throw Diagnostic("cannot repeat \(NumberFormatting.plain(n)) times; the count must be a whole number from 0", at: pos)
    }
    return Int(n)
  }

  /// `a * b`, saturating instead of overflowing (the result is only compared with a limit).
  static func product(_ a: Int, _ b: Int) -> Int {
    let (result, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? Int.max : result
  }

  static func contains(_ container: Value, _ element: Value, at pos: SourcePos) throws -> Bool {
    switch (container, element) {
    case (.list(let items), _): return items.contains(element)
    case (.string(let s), .string(let part)): return part.isEmpty || s.contains(part)
    case (.record(let r), .string(let key)): return r[key] != nil
    default: throw typeError(.contains, element, container, at: pos)
    }
  }

  static func checkList(_ count: Int, at pos: SourcePos) throws {
    if count > Limits.maximumListCount {
      throw Diagnostic("list too long: \(count) elements (the limit is \(Limits.maximumListCount))", at: pos)
    }
  }

  static func checkString(_ bytes: Int, at pos: SourcePos) throws {
    if bytes > Limits.maximumStringBytes {
      throw Diagnostic("string too long: \(bytes) bytes (the limit is \(Limits.maximumStringBytes))", at: pos)
    }
  }

  /// `true`/`false` of a condition; anything else is an error naming what needed it.
  @inline(__always)
  static func truth(_ value: Value, _ what: @autoclosure () -> String, at pos: SourcePos) throws -> Bool {
    if case .bool(let b) = value { return b }
    throw Diagnostic("\(what()) must be true or false, got \(value.typeName)", at: pos)
  }
}
