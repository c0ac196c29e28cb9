extension Compiler {
  mutating func block(_ statements: [Stmt]) throws -> Block {
    Block(try statements.map { try statement($0, isCellResult: false) })
  }

  mutating func statement(_ statement: Stmt, isCellResult: Bool) throws -> StmtNode {
    let pos = statement.pos
    switch statement.kind {
    case .expression(let expr):
      return ExpressionStmtNode(try expression(expr), isCellResult: isCellResult, pos: pos)

    case .assign(let target, let value):
      let valueNode = try expression(value)
      if !target.path.isEmpty { return try pathAssign(target, value: valueNode, pos: pos) }
      switch binding(target.name) {
      case .global(let slot): return SetGlobalNode(slot: slot, value: valueNode, pos: pos)
      case .local(let slot): return SetLocalNode(slot: slot, value: valueNode, pos: pos)
      case let location: return SetCapturedNode(location: location, value: valueNode, pos: pos)
      }

    case .compoundAssign(let target, let op, let value):
      if target.path.isEmpty {
        return CompoundAssignNode(
          location: lookup(target.name), info: nameInfo(target.name), op: op, value: try expression(value),
          opPos: target.pos, pos: pos)
      }
      let current = try expression(Compiler.expression(of: target))
      let combined = BinaryNode(op, current, try expression(value), pos: value.pos)
      return try pathAssign(target, value: combined, pos: pos)

    case .forIn(let bindings, let iterable, let body):
      let source = try loopSource(iterable)
      let target = LoopTarget(
        locations: bindings.map { binding($0.name) }, names: bindings.map(\.name), pos: bindings[0].pos)
      scope.loopDepth += 1
      defer { scope.loopDepth -= 1 }
      return ForNode(target: target, source: source, body: try block(body), pos: pos)

    case .ifElse(let branches, let otherwise):
      let compiled = try branches.map { (condition: try expression($0.condition), body: try block($0.body)) }
      return IfNode(branches: compiled, otherwise: try otherwise.map { try block($0) }, pos: pos)

    case .function(let decl):
      return try function(decl, pos: pos)

    case .return(let value):
      guard scope.isFunction else { throw Diagnostic("'return' outside a function", at: pos) }
      return ReturnNode(try value.map { try expression($0) }, pos: pos)

    case .break, .continue:
      let word = if case .break = statement.kind { "break" } else { "continue" }
      guard scope.loopDepth > 0 else { throw Diagnostic("'\(word)' outside a loop", at: pos) }
      return JumpNode(word == "break" ? .breakLoop : .continueLoop, pos: pos)
    }
  }

  mutating func pathAssign(_ target: AssignTarget, value: ExprNode, pos: SourcePos) throws -> StmtNode {
    let steps: [PathStep] = try target.path.map { step in
      switch step {
      case .member(let name, let pos): return .member(name, pos)
      case .index(let expr): return .index(try expression(expr))
      }
    }
    return PathAssignNode(
      root: lookup(target.name), rootInfo: nameInfo(target.name), rootPos: target.pos, steps: steps, value: value, pos: pos)
  }

  /// The expression reading an assignment target, for `r.a += 1`.
  static func expression(of target: AssignTarget) -> Expr {
    var expr = Expr(kind: .name(target.name), pos: target.pos)
    for step in target.path {
      switch step {
      case .member(let name, let pos): expr = Expr(kind: .member(expr, name: name), pos: pos)
      case .index(let index): expr = Expr(kind: .index(expr, index), pos: index.pos)
      }
    }
    return expr
  }

  mutating func loopSource(_ iterable: Expr) throws -> LoopSource {
    if case .range(let lower, let upper, let inclusive) = iterable.kind {
      return .range(try expression(lower), try expression(upper), inclusive: inclusive)
    }
    return .values(try expression(iterable))
  }

  mutating func function(_ decl: FunctionDecl, pos: SourcePos) throws -> StmtNode {
    let location = binding(decl.name)
    let defaults = try decl.parameters.map { try $0.defaultValue.map { try expression($0) } }
    let code = FunctionCode(
      name: decl.name, parameterNames: decl.parameters.map(\.name), pos: decl.pos, isNested: scope.isFunction)
    if !scope.isFunction { code.source = runtime.cellSource }
    let inner = Scope(function: code, parent: scope.isFunction ? scope : nil)
    for parameter in decl.parameters { inner.declareLocal(parameter.name) }
    var locals: [String] = []
    Compiler.assignedNames(decl.body, into: &locals)
    for name in locals { inner.declareLocal(name) }

    let outer = scope
    scope = inner
    defer { scope = outer }
    code.body = try block(decl.body)
    code.slotCount = inner.slotCount
    code.localNames = inner.visibleNames
    return FunctionDefNode(code: code, defaults: defaults, location: location, pos: pos)
  }
}
