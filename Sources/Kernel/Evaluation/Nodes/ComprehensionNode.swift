/// `[element for x in xs if cond ...]`.
final class ComprehensionNode: ExprNode {
  enum Clause {
    case loop(LoopTarget, LoopSource)
    case filter(ExprNode)
  }

  let element: ExprNode
  let clauses: [Clause]

  init(element: ExprNode, clauses: [Clause], pos: SourcePos) {
    self.element = element
    self.clauses = clauses
    super.init(pos: pos)
  }

  override func eval(_ frame: Frame) throws -> Value {
    var out: [Value] = []
    try run(0, frame, &out)
    return .list(out)
  }

  private func run(_ index: Int, _ frame: Frame, _ out: inout [Value]) throws {
    guard index < clauses.count else {
      out.append(try element.eval(frame))
      if out.count > Limits.maximumListCount { try Operators.checkList(out.count, at: pos) }
      return
    }
    switch clauses[index] {
    case .filter(let condition):
      if try Operators.truth(try condition.eval(frame), "a comprehension's 'if' condition", at: condition.pos) {
        try run(index + 1, frame, &out)
      }
    case .loop(let target, let source):
      let runtime = frame.runtime
      try source.forEach(frame, at: target.pos) { value in
        try runtime.tick(at: target.pos)
        try target.assign(value, in: frame)
        try run(index + 1, frame, &out)
        return true
      }
    }
  }
}
