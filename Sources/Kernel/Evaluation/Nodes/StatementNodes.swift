/// An expression used as a statement; the cell's last one keeps its value for display.
final class ExpressionStmtNode: StmtNode {
  let expr: ExprNode
  let isCellResult: Bool

  init(_ expr: ExprNode, isCellResult: Bool, pos: SourcePos) {
    self.expr = expr
    self.isCellResult = isCellResult
    super.init(pos: pos)
  }

  override func exec(_ frame: Frame) throws -> Flow {
    let value = try expr.eval(frame)
    if isCellResult {
      frame.runtime.lastValue = value
      frame.runtime.lastValuePos = pos
    }
    return .normal
  }
}

/// `if c { } else if d { } else { }`.
final class IfNode: StmtNode {
  let branches: [(condition: ExprNode, body: Block)]
  let otherwise: Block?

  init(branches: [(condition: ExprNode, body: Block)], otherwise: Block?, pos: SourcePos) {
    self.branches = branches
    self.otherwise = otherwise
    super.init(pos: pos)
  }

  override func exec(_ frame: Frame) throws -> Flow {
    for branch in branches {
      let value = try branch.condition.eval(frame)
      if try Operators.truth(value, "an 'if' condition", at: branch.condition.pos) {
        return try branch.body.run(frame)
      }
    }
    return try otherwise?.run(frame) ?? .normal
  }
}

/// `for x in xs { }`; ranges are iterated without building a list.
final class ForNode: StmtNode {
  let target: LoopTarget
  let source: LoopSource
  let body: Block

  init(target: LoopTarget, source: LoopSource, body: Block, pos: SourcePos) {
    self.target = target
    self.source = source
    self.body = body
    super.init(pos: pos)
  }

  override func exec(_ frame: Frame) throws -> Flow {
    let runtime = frame.runtime
    if case .range(let lower, let upper, let inclusive) = source, target.locations.count == 1 {
      // The hot path: a counted loop writing straight into the variable's slot.
      let (lo, hi) = try Indexing.rangeBounds(try lower.eval(frame), try upper.eval(frame), at: target.pos)
      let location = target.locations[0]
      var i = lo
      while inclusive ? i <= hi : i < hi {
        try runtime.tick(at: pos)
        location.pointer(in: frame).pointee = .number(i)
        switch try body.run(frame) {
        case .normal, .continueLoop: break
        case .breakLoop: return .normal
        case .returned: return .returned
        }
        i += 1
      }
      return .normal
    }
    var flow = Flow.normal
    try source.forEach(frame, at: target.pos) { value in
      try runtime.tick(at: pos)
      try target.assign(value, in: frame)
      switch try body.run(frame) {
      case .normal, .continueLoop: return true
      case .breakLoop: return false
      case .returned:
        flow = .returned
        return false
      }
    }
    return flow
  }
}

/// `return x`.
final class ReturnNode: StmtNode {
  let value: ExprNode?

  init(_ value: ExprNode?, pos: SourcePos) {
    self.value = value
    super.init(pos: pos)
  }

  override func exec(_ frame: Frame) throws -> Flow {
    frame.returnValue = try value?.eval(frame) ?? .none
    return .returned
  }
}

/// `break` and `continue`.
final class JumpNode: StmtNode {
  let flow: Flow

  init(_ flow: Flow, pos: SourcePos) {
    self.flow = flow
    super.init(pos: pos)
  }

  override func exec(_ frame: Frame) throws -> Flow { flow }
}

/// The compiled body of a `fn`.
final class FunctionCode {
  let name: String
  let parameterNames: [String]
  let pos: SourcePos
  var slotCount = 0
  var body = Block([])
  /// Names visible inside, for suggestions.
  var localNames: [String] = []
  /// Whether the function is defined inside another function (and so captures its frame).
  let isNested: Bool
  /// The cell it was defined in, so the cell cache can compile it again (top-level functions only).
  var source: CellSource?

  init(name: String, parameterNames: [String], pos: SourcePos, isNested: Bool) {
    self.name = name
    self.parameterNames = parameterNames
    self.pos = pos
    self.isNested = isNested
  }
}

/// `fn name(a, b: 2) { }`: makes the function value, evaluating defaults now.
final class FunctionDefNode: StmtNode {
  let code: FunctionCode
  let defaults: [ExprNode?]
  let location: VariableLocation

  init(code: FunctionCode, defaults: [ExprNode?], location: VariableLocation, pos: SourcePos) {
    self.code = code
    self.defaults = defaults
    self.location = location
    super.init(pos: pos)
  }

  override func exec(_ frame: Frame) throws -> Flow {
    let values = try defaults.map { try $0?.eval(frame) }
    let function = Function(code: code, captured: code.isNested ? frame : nil, defaults: values)
    location.pointer(in: frame).pointee = .function(function)
    return .normal
  }
}
