/// Turns statements into executable nodes, resolving every name to a slot.
struct Compiler {
  let runtime: Runtime
  var scope: Scope

  init(runtime: Runtime) {
    self.runtime = runtime
    self.scope = Scope(function: nil, parent: nil)
  }

  /// Compiles a cell; its last statement, when an expression, becomes the cell's value.
  static func compileCell(_ statements: [Stmt], runtime: Runtime) throws -> (Block, slotCount: Int) {
    var compiler = Compiler(runtime: runtime)
    var nodes: [StmtNode] = []
    for (index, statement) in statements.enumerated() {
      nodes.append(try compiler.statement(statement, isCellResult: index == statements.count - 1))
    }
    return (Block(nodes), compiler.scope.slotCount)
  }

  /// The code of the top-level function declared at `pos` in a cell's source, compiled again
  /// (a function restored from the cell cache).
  static func functionCode(in text: String, line: Int, column: Int, at pos: SourcePos, runtime: Runtime) throws -> FunctionCode {
    let statements = try Parser.parse(text, line: line, column: column)
    for statement in statements {
      guard case .function(let decl) = statement.kind, decl.pos == pos else { continue }
      var compiler = Compiler(runtime: runtime)
      guard let node = try compiler.function(decl, pos: statement.pos) as? FunctionDefNode else { break }
      node.code.source = CellSource(text: text, line: line, column: column)
      return node.code
    }
    throw CacheFormatError("cached function is not in its cell's source")
  }

  /// Where a read of `name` goes.
  func lookup(_ name: String) -> VariableLocation {
    scope.resolveNonGlobal(name) ?? .global(runtime.globalSlot(name))
  }

  /// Where an assignment to `name` goes: a local in functions, a global at top level.
  func binding(_ name: String) -> VariableLocation {
    if scope.isFunction { return lookup(name) }
    let slot = runtime.globalSlot(name)
    // The cell cache restores every name a cell assigns, even to the value it had.
    runtime.reads.noteWrite(slot)
    return .global(slot)
  }

  func nameInfo(_ name: String, isCallee: Bool = false) -> NameInfo {
    NameInfo(name: name, isCallee: isCallee, localNames: scope.visibleNames)
  }

  /// The names a function body assigns (its locals), not looking into nested functions.
  static func assignedNames(_ statements: [Stmt], into names: inout [String]) {
    func add(_ name: String) { if !names.contains(name) { names.append(name) } }
    for statement in statements {
      switch statement.kind {
      case .assign(let target, _):
        if target.path.isEmpty { add(target.name) }
      case .compoundAssign:
        // `x += 1` updates the variable it finds, like `x[i] = 1`; it declares nothing.
        break
      case .forIn(let bindings, _, let body):
        bindings.forEach { add($0.name) }
        assignedNames(body, into: &names)
      case .ifElse(let branches, let otherwise):
        for branch in branches { assignedNames(branch.body, into: &names) }
        if let otherwise { assignedNames(otherwise, into: &names) }
      case .function(let decl):
        add(decl.name)
      case .expression, .return, .break, .continue:
        break
      }
    }
  }
}
