/// `[a, b, c]`.
final class ListNode: ExprNode {
  let elements: [ExprNode]

  init(_ elements: [ExprNode], pos: SourcePos) {
    self.elements = elements
    super.init(pos: pos)
  }

  override func eval(_ frame: Frame) throws -> Value {
    var items: [Value] = []
    items.reserveCapacity(elements.count)
    for element in elements { items.append(try element.eval(frame)) }
    return .list(items)
  }
}

/// `{a: 1, b: x}`.
final class RecordNode: ExprNode {
  let keys: [String]
  let values: [ExprNode]

  init(keys: [String], values: [ExprNode], pos: SourcePos) {
    self.keys = keys
    self.values = values
    super.init(pos: pos)
  }

  override func eval(_ frame: Frame) throws -> Value {
    var fields: [(key: String, value: Value)] = []
    fields.reserveCapacity(keys.count)
    for (key, value) in zip(keys, values) { fields.append((key, try value.eval(frame))) }
    return .record(Record(fields))
  }
}

/// `"acc {acc:.2%}"`.
final class TemplateNode: ExprNode {
  enum Part {
    case text(String)
    case value(ExprNode, FormatSpec?)
  }

  let parts: [Part]

  init(_ parts: [Part], pos: SourcePos) {
    self.parts = parts
    super.init(pos: pos)
  }

  override func eval(_ frame: Frame) throws -> Value {
    var out = ""
    for part in parts {
      switch part {
      case .text(let text):
        out += text
      case .value(let node, let spec):
        let value = try node.eval(frame)
        if let spec {
          do {
            out += try spec.format(value)
          } catch let error as FormatSpecError {
            throw Diagnostic(error.description, at: node.pos)
          }
        } else {
          out += value.text
        }
      }
      try Operators.checkString(out.utf8.count, at: pos)
    }
    return .string(out)
  }
}

/// `a..<b` or `a...b` used as a value: a list of numbers.
final class RangeNode: ExprNode {
  let lower: ExprNode
  let upper: ExprNode
  let inclusive: Bool

  init(_ lower: ExprNode, _ upper: ExprNode, inclusive: Bool, pos: SourcePos) {
    self.lower = lower
    self.upper = upper
    self.inclusive = inclusive
    super.init(pos: pos)
  }

  override func eval(_ frame: Frame) throws -> Value {
    let (lo, hi) = try Indexing.rangeBounds(try lower.eval(frame), try upper.eval(frame), at: pos)
    let count = inclusive ? (hi - lo).rounded(.down) + 1 : (hi - lo).rounded(.up)
    guard count <= Double(Limits.maximumListCount) else {
      throw Diagnostic(
        "range of \(NumberFormatting.plain(count)) numbers is too long for a list (the limit is \(Limits.maximumListCount)); loop over it with 'for' instead",
        at: pos)
    }
    guard count > 0 else { return .list([]) }
    var items: [Value] = []
    items.reserveCapacity(Int(count))
    for k in 0..<Int(count) { items.append(.number(lo + Double(k))) }
    return .list(items)
  }
}

/// `base.name`.
final class MemberNode: ExprNode {
  let base: ExprNode
  let name: String

  init(_ base: ExprNode, name: String, pos: SourcePos) {
    self.base = base
    self.name = name
    super.init(pos: pos)
  }

  override func eval(_ frame: Frame) throws -> Value {
    try Indexing.member(try base.eval(frame), name, at: pos)
  }
}

/// `base[index]`.
final class IndexNode: ExprNode {
  let base: ExprNode
  let index: ExprNode

  init(_ base: ExprNode, _ index: ExprNode, pos: SourcePos) {
    self.base = base
    self.index = index
    super.init(pos: pos)
  }

  override func eval(_ frame: Frame) throws -> Value {
    let container = try base.eval(frame)
    let key = try index.eval(frame)
    if case .list(let items) = container, case .number(let x) = key, x >= 0, x < Double(items.count), x == x.rounded() {
      return items[Int(x)]
    }
    return try Indexing.get(container, key, at: pos)
  }
}

/// `base[lower:upper]`.
final class SliceNode: ExprNode {
  let base: ExprNode
  let lower: ExprNode?
  let upper: ExprNode?

  init(_ base: ExprNode, lower: ExprNode?, upper: ExprNode?, pos: SourcePos) {
    self.base = base
    self.lower = lower
    self.upper = upper
    super.init(pos: pos)
  }

  override func eval(_ frame: Frame) throws -> Value {
    try Indexing.slice(try base.eval(frame), try lower?.eval(frame), try upper?.eval(frame), at: pos)
  }
}
