/// `l op r` for arithmetic and comparisons, with numbers handled inline.
final class BinaryNode: ExprNode {
  let op: BinaryOperator
  let left: ExprNode
  let right: ExprNode

  init(_ op: BinaryOperator, _ left: ExprNode, _ right: ExprNode, pos: SourcePos) {
    self.op = op
    self.left = left
    self.right = right
    super.init(pos: pos)
  }

  override func eval(_ frame: Frame) throws -> Value {
    let l = try left.eval(frame)
    let r = try right.eval(frame)
    if case .number(let a) = l, case .number(let b) = r {
      return try Operators.numeric(op, a, b, at: pos)
    }
    return try Operators.binary(op, l, r, at: pos)
  }
}

/// `l + r`: the commonest operator, specialised.
final class AddNode: ExprNode {
  let left: ExprNode
  let right: ExprNode

  init(_ left: ExprNode, _ right: ExprNode, pos: SourcePos) {
    self.left = left
    self.right = right
    super.init(pos: pos)
  }

  override func eval(_ frame: Frame) throws -> Value {
    let l = try left.eval(frame)
    let r = try right.eval(frame)
    if case .number(let a) = l, case .number(let b) = r { return .number(a + b) }
    return try Operators.binary(.add, l, r, at: pos)
  }
}

/// `l * r`, specialised.
final class MultiplyNode: ExprNode {
  let left: ExprNode
  let right: ExprNode

  init(_ left: ExprNode, _ right: ExprNode, pos: SourcePos) {
    self.left = left
    self.right = right
    super.init(pos: pos)
  }

  override func eval(_ frame: Frame) throws -> Value {
    let l = try left.eval(frame)
    let r = try right.eval(frame)
    if case .number(let a) = l, case .number(let b) = r { return .number(a * b) }
    return try Operators.binary(.multiply, l, r, at: pos)
  }
}

/// `-x`.
final class NegateNode: ExprNode {
  let operand: ExprNode

  init(_ operand: ExprNode, pos: SourcePos) {
    self.operand = operand
    super.init(pos: pos)
  }

  override func eval(_ frame: Frame) throws -> Value {
    let value = try operand.eval(frame)
    guard case .number(let x) = value else { throw Diagnostic("cannot negate \(value.typeName)", at: pos) }
    return .number(-x)
  }
}

/// `not x`.
final class NotNode: ExprNode {
  let operand: ExprNode

  init(_ operand: ExprNode, pos: SourcePos) {
    self.operand = operand
    super.init(pos: pos)
  }

  override func eval(_ frame: Frame) throws -> Value {
    .bool(!(try Operators.truth(try operand.eval(frame), "the operand of 'not'", at: operand.pos)))
  }
}

/// `a and b`, `a or b`: short-circuit, on bools only.
final class LogicalNode: ExprNode {
  let isAnd: Bool
  let left: ExprNode
  let right: ExprNode

  init(isAnd: Bool, _ left: ExprNode, _ right: ExprNode, pos: SourcePos) {
    self.isAnd = isAnd
    self.left = left
    self.right = right
    super.init(pos: pos)
  }

  override func eval(_ frame: Frame) throws -> Value {
    let word = isAnd ? "and" : "or"
    let l = try Operators.truth(try left.eval(frame), "the left operand of '\(word)'", at: left.pos)
    if l != isAnd { return .bool(l) }
    return .bool(try Operators.truth(try right.eval(frame), "the right operand of '\(word)'", at: right.pos))
  }
}
