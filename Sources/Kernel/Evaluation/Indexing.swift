/// Indexing, slicing and members of built-in values.
enum Indexing {
  /// The position `index` designates in a collection of `count` elements (negative counts from the end).
  static func offset(_ index: Value, count: Int, of what: String, at pos: SourcePos) throws -> Int {
    guard case .number(let x) = index else {
      throw Diagnostic("\(what) index must be a number, got \(index.typeName)", at: pos)
    }
    guard x == x.rounded(), abs(x) < 1e15 else {
      throw Diagnostic("\(what) index must be a whole number, got \(NumberFormatting.plain(x))", at: pos)
    }
    let i = Int(x)
    let resolved = i < 0 ? i + count : i
    guard resolved >= 0, resolved < count else {
      let noun = what == "string" ? "character" : "element"
      throw Diagnostic("index \(i) out of range for a \(what) of \(count) \(noun)\(count == 1 ? "" : "s")", at: pos)
    }
    return resolved
  }

  static func get(_ base: Value, _ index: Value, at pos: SourcePos) throws -> Value {
    switch base {
    case .list(let items):
      return items[try offset(index, count: items.count, of: "list", at: pos)]
    case .string(let s):
      let characters = Array(s)
      return .string(String(characters[try offset(index, count: characters.count, of: "string", at: pos)]))
    case .record(let record):
      guard case .string(let key) = index else {
        throw Diagnostic("record index must be a string (a field name), got \(index.typeName)", at: pos)
      }
      guard let value = record[key] else { throw noField(key, in: record, at: pos) }
      return value
    case .object(let object):
      if let rows = object.rows() {
        return .record(rows[try offset(index, count: rows.count, of: object.instanceTypeName, at: pos)])
      }
      throw Diagnostic("cannot index a \(base.typeName)", at: pos)
    default:
      throw Diagnostic("cannot index a \(base.typeName)", at: pos)
    }
  }

  static func set(_ base: inout Value, _ index: Value, _ value: Value, at pos: SourcePos) throws {
    switch base {
    case .list(var items):
      let i = try offset(index, count: items.count, of: "list", at: pos)
      base = .none  // keep the array uniquely referenced so the write does not copy it
      items[i] = value
      base = .list(items)
    case .record(var record):
      guard case .string(let key) = index else {
        throw Diagnostic("record index must be a string (a field name), got \(index.typeName)", at: pos)
      }
      base = .none
      record.set(key, value)
      base = .record(record)
    default:
      throw Diagnostic("cannot assign into an element of a \(base.typeName)", at: pos)
    }
  }

  static func noField(_ key: String, in record: Record, at pos: SourcePos) -> Diagnostic {
    Diagnostic("record has no field '\(key)'\(Suggestion.hint(for: key, among: record.keys))", at: pos)
  }

  /// `base[lower:upper]` with Python's clamping.
  static func slice(_ base: Value, _ lower: Value?, _ upper: Value?, at pos: SourcePos) throws -> Value {
    func bound(_ value: Value?, _ count: Int, _ fallback: Int) throws -> Int {
      guard let value, !value.isNone else { return fallback }
      guard case .number(let x) = value, x == x.rounded(), abs(x) < 1e15 else {
        throw Diagnostic("slice bounds must be whole numbers, got \(value.repr)", at: pos)
      }
      let i = Int(x)
      return min(max(i < 0 ? i + count : i, 0), count)
    }
    switch base {
    case .list(let items):
      let lo = try bound(lower, items.count, 0)
      let hi = try bound(upper, items.count, items.count)
      return .list(lo < hi ? Array(items[lo..<hi]) : [])
    case .string(let s):
      let characters = Array(s)
      let lo = try bound(lower, characters.count, 0)
      let hi = try bound(upper, characters.count, characters.count)
      return .string(lo < hi ? String(characters[lo..<hi]) : "")
    default:
      throw Diagnostic("cannot slice a \(base.typeName)", at: pos)
    }
  }

  static func member(_ base: Value, _ name: String, at pos: SourcePos) throws -> Value {
    switch base {
    case .record(let record):
      guard let value = record[name] else { throw noField(name, in: record, at: pos) }
      return value
    case .object(let object):
      let value: Value?
      do {
        value = try object.member(name)
      } catch let error as Diagnostic {
        throw error
      } catch {
        throw Diagnostic(Builtin.message(of: error), at: pos)
      }
      guard let value else {
        let type = object.instanceTypeName
        throw Diagnostic("\(type) has no member '\(name)'\(Suggestion.hint(for: name, among: object.memberNames))", at: pos)
      }
      return value
    case .list, .string:
      let hint = name == "count" || name == "length" || name == "size" ? "; use len(x)" : ""
      throw Diagnostic("\(base.typeName) has no member '\(name)'\(hint)", at: pos)
    default:
      throw Diagnostic("\(base.typeName) has no member '\(name)'", at: pos)
    }
  }

  /// The elements a `for` loop visits.
  static func elements(of value: Value, at pos: SourcePos) throws -> [Value] {
    switch value {
    case .list(let items): return items
    case .string(let s): return s.map { .string(String($0)) }
    case .record:
      throw Diagnostic("cannot loop over a record; loop over keys(r), values(r) or items(r)", at: pos)
    case .object(let object):
      if let rows = object.rows() { return rows.map(Value.record) }
      throw Diagnostic("cannot loop over a \(value.typeName)", at: pos)
    default:
      throw Diagnostic("cannot loop over a \(value.typeName)", at: pos)
    }
  }

  /// Numbers of a range: `lower..<upper` or `lower...upper` in steps of 1.
  static func rangeBounds(_ lower: Value, _ upper: Value, at pos: SourcePos) throws -> (Double, Double) {
    guard case .number(let lo) = lower, case .number(let hi) = upper else {
      throw Diagnostic("range bounds must be numbers, got \(lower.typeName) and \(upper.typeName)", at: pos)
    }
    guard lo.isFinite, !hi.isNaN else { throw Diagnostic("range bounds must be finite numbers", at: pos) }
    return (lo, hi)
  }
}
