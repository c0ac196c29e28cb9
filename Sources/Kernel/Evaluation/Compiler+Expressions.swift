extension Compiler {
  mutating func expression(_ expr: Expr, isCallee: Bool = false) throws -> ExprNode {
    let pos = expr.pos
    switch expr.kind {
    case .number(let x): return ConstantNode(.number(x), pos: pos)
    case .string(let s): return ConstantNode(.string(s), pos: pos)
    case .bool(let b): return ConstantNode(.bool(b), pos: pos)
    case .none: return ConstantNode(.none, pos: pos)

    case .template(let parts):
      return TemplateNode(try parts.map { part in
        switch part {
        case .text(let text): return .text(text)
        case .value(let value, let spec): return .value(try expression(value), spec)
        }
      }, pos: pos)

    case .name(let name):
      let info = nameInfo(name, isCallee: isCallee)
      switch lookup(name) {
      case .global(let slot): return GlobalGetNode(slot: slot, info: info, pos: pos)
      case .local(let slot): return LocalGetNode(slot: slot, info: info, pos: pos)
      case .captured(let depth, let slot): return CapturedGetNode(depth: depth, slot: slot, info: info, pos: pos)
      }

    case .list(let elements):
      return ListNode(try elements.map { try expression($0) }, pos: pos)

    case .record(let fields):
      return RecordNode(keys: fields.map(\.key), values: try fields.map { try expression($0.value) }, pos: pos)

    case .comprehension(let element, let clauses):
      return try comprehension(element, clauses, pos: pos)

    case .member(let base, let name):
      let baseNode = try expression(base)
      if let global = baseNode as? GlobalGetNode { return GlobalMemberNode(global, name: name, pos: pos) }
      return MemberNode(baseNode, name: name, pos: pos)

    case .index(let base, let index):
      return IndexNode(try expression(base), try expression(index), pos: pos)

    case .slice(let base, let lower, let upper):
      return SliceNode(
        try expression(base), lower: try lower.map { try expression($0) }, upper: try upper.map { try expression($0) }, pos: pos)

    case .call(let callee, let arguments):
      let calleeNode = try expression(callee, isCallee: true)
      var positional: [ExprNode] = []
      var labels: [String] = []
      var named: [ExprNode] = []
      var labelPositions: [SourcePos] = []
      for argument in arguments {
        if let label = argument.label {
          labels.append(label)
          named.append(try expression(argument.value))
          labelPositions.append(argument.pos)
        } else {
          positional.append(try expression(argument.value))
        }
      }
      return CallNode(
        callee: calleeNode, positional: positional, labels: labels, named: named, labelPositions: labelPositions, pos: pos)

    case .negate(let operand):
      return NegateNode(try expression(operand), pos: pos)

    case .binary(let op, let left, let right):
      let l = try expression(left)
      let r = try expression(right)
      switch op {
      case .add: return AddNode(l, r, pos: pos)
      case .multiply: return MultiplyNode(l, r, pos: pos)
      default: return BinaryNode(op, l, r, pos: pos)
      }

    case .and(let left, let right):
      return LogicalNode(isAnd: true, try expression(left), try expression(right), pos: pos)
    case .or(let left, let right):
      return LogicalNode(isAnd: false, try expression(left), try expression(right), pos: pos)
    case .not(let operand):
      return NotNode(try expression(operand), pos: pos)

    case .range(let lower, let upper, let inclusive):
      return RangeNode(try expression(lower), try expression(upper), inclusive: inclusive, pos: pos)
    }
  }

  /// Each `for` clause binds fresh slots visible to the clauses after it and to the element.
  mutating func comprehension(_ element: Expr, _ clauses: [ComprehensionClause], pos: SourcePos) throws -> ExprNode {
    var compiled: [ComprehensionNode.Clause] = []
    var levels = 0
    defer { scope.popShadows(levels) }
    for clause in clauses {
      switch clause {
      case .loop(let bindings, let iterable):
        let source = try loopSource(iterable)
        let slots = scope.pushShadow(bindings.map(\.name))
        levels += 1
        let target = LoopTarget(locations: slots.map { .local($0) }, names: bindings.map(\.name), pos: bindings[0].pos)
        compiled.append(.loop(target, source))
      case .filter(let condition):
        compiled.append(.filter(try expression(condition)))
      }
    }
    return ComprehensionNode(element: try expression(element), clauses: compiled, pos: pos)
  }
}
