/// `callee(positional..., name: value...)`.
final class CallNode: ExprNode {
  let callee: ExprNode
  let positional: [ExprNode]
  let labels: [String]
  let named: [ExprNode]
  let labelPositions: [SourcePos]
  let positionalPositions: [SourcePos]

  init(callee: ExprNode, positional: [ExprNode], labels: [String], named: [ExprNode], labelPositions: [SourcePos], pos: SourcePos) {
    self.callee = callee
    self.positional = positional
    self.labels = labels
    self.named = named
    self.labelPositions = labelPositions
    self.positionalPositions = positional.map(\.pos)
    super.init(pos: pos)
  }

  override func eval(_ frame: Frame) throws -> Value {
    let function = try callee.eval(frame)
    if case .function(let f) = function, named.isEmpty, positional.count == f.code.parameterNames.count {
      return try callDirect(f, frame)
    }
    var arguments: [Value] = []
    arguments.reserveCapacity(positional.count)
    for node in positional { arguments.append(try node.eval(frame)) }
    var namedArguments: [Calls.Named] = []
    if !named.isEmpty {
      namedArguments.reserveCapacity(named.count)
      for index in named.indices {
        namedArguments.append((labels[index], try named[index].eval(frame), labelPositions[index]))
      }
    }
    return try Calls.call(
      function, positional: arguments, positionalPos: positionalPositions, named: namedArguments,
      runtime: frame.runtime, at: pos)
  }

  /// The common case of a language function given all its arguments by position:
  /// arguments go straight into the new frame, with no intermediate arrays.
  private func callDirect(_ function: Function, _ frame: Frame) throws -> Value {
    let runtime = frame.runtime
    let code = function.code
    let callee = Frame.make(count: code.slotCount, parent: function.captured, runtime: runtime)
    for index in positional.indices { callee.slots[index] = try positional[index].eval(frame) }
    runtime.depth += 1
    defer { runtime.depth -= 1 }
    if runtime.depth > Limits.maximumCallDepth {
      throw Diagnostic("recursion deeper than \(Limits.maximumCallDepth) calls", at: pos)
    }
    try runtime.tick(at: pos)
    if case .returned = try code.body.run(callee) { return callee.returnValue }
    return .none
  }
}
