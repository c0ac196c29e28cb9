/// A compiled expression: names are resolved to slots, so evaluating does no lookups by name.
class ExprNode {
  let pos: SourcePos

  init(pos: SourcePos) {
    self.pos = pos
  }

  func eval(_ frame: Frame) throws -> Value {
    preconditionFailure("ExprNode.eval is abstract")
  }
}

/// How a statement ended: normally, or by `break`, `continue` or `return`.
enum Flow {
  case normal
  case breakLoop
  case continueLoop
  case returned
}

/// A compiled statement.
class StmtNode {
  let pos: SourcePos

  init(pos: SourcePos) {
    self.pos = pos
  }

  func exec(_ frame: Frame) throws -> Flow {
    preconditionFailure("StmtNode.exec is abstract")
  }
}

/// A sequence of statements.
struct Block {
  let statements: ContiguousArray<StmtNode>

  init(_ statements: [StmtNode]) {
    self.statements = ContiguousArray(statements)
  }

  @inline(__always)
  func run(_ frame: Frame) throws -> Flow {
    for statement in statements {
      let flow = try statement.exec(frame)
      if case .normal = flow { continue }
      return flow
    }
    return .normal
  }
}

/// A constant.
final class ConstantNode: ExprNode {
  let value: Value

  init(_ value: Value, pos: SourcePos) {
    self.value = value
    super.init(pos: pos)
  }

  override func eval(_ frame: Frame) throws -> Value { value }
}
