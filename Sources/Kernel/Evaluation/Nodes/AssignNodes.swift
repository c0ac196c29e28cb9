/// One step of an assignment path: `.name` or `[index]`.
enum PathStep {
  case member(String, SourcePos)
  case index(ExprNode)
}

/// `root.a[i] = value`: rewrites the root variable's value in place.
final class PathAssignNode: StmtNode {
  let root: VariableLocation
  let rootInfo: NameInfo
  let rootPos: SourcePos
  let steps: [PathStep]
  let value: ExprNode

  init(root: VariableLocation, rootInfo: NameInfo, rootPos: SourcePos, steps: [PathStep], value: ExprNode, pos: SourcePos) {
    self.root = root
    self.rootInfo = rootInfo
    self.rootPos = rootPos
    self.steps = steps
    self.value = value
    super.init(pos: pos)
  }

  override func exec(_ frame: Frame) throws -> Flow {
    var keys: [Value] = []
    for step in steps {
      switch step {
      case .member(let name, _): keys.append(.string(name))
      case .index(let node): keys.append(try node.eval(frame))
      }
    }
    let newValue = try value.eval(frame)
    try newValue.checkDepth(extraLevels: steps.count, at: pos)
    if case .global(let slot) = root, frame.runtime.recording {
      frame.runtime.markRead(slot)
      frame.runtime.reads.noteWrite(slot)
    }
    let pointer = root.pointer(in: frame)
    guard var current = pointer.pointee else {
      if case .global = root { throw rootInfo.unknown(frame.runtime, at: rootPos) }
      throw rootInfo.unassigned(at: rootPos)
    }
    // Take the value out of its slot so nested arrays stay uniquely referenced and update in place.
    pointer.pointee = nil
    defer { pointer.pointee = current }
    try update(&current, 0, keys, newValue)
    return .normal
  }

  private func update(_ container: inout Value, _ k: Int, _ keys: [Value], _ newValue: Value) throws {
    if k == steps.count - 1 {
      try set(&container, k, keys[k], newValue)
      return
    }
    var child = try get(container, k, keys[k])
    try set(&container, k, keys[k], .none)
    defer { try? set(&container, k, keys[k], child) }
    try update(&child, k + 1, keys, newValue)
  }

  private func get(_ container: Value, _ k: Int, _ key: Value) throws -> Value {
    switch steps[k] {
    case .member(let name, let pos): return try Indexing.member(container, name, at: pos)
    case .index(let node): return try Indexing.get(container, key, at: node.pos)
    }
  }

  private func set(_ container: inout Value, _ k: Int, _ key: Value, _ newValue: Value) throws {
    switch steps[k] {
    case .member(let name, let pos):
      guard case .record(var record) = container else {
        throw Diagnostic("cannot set member '\(name)' of a \(container.typeName)", at: pos)
      }
      container = .none
      record.set(name, newValue)
      container = .record(record)
    case .index(let node):
      try Indexing.set(&container, key, newValue, at: node.pos)
    }
  }
}

/// `name op= value`; `xs += [x]` appends in place instead of copying the list.
final class CompoundAssignNode: StmtNode {
  let location: VariableLocation
  let info: NameInfo
  let op: BinaryOperator
  let value: ExprNode
  let opPos: SourcePos

  init(location: VariableLocation, info: NameInfo, op: BinaryOperator, value: ExprNode, opPos: SourcePos, pos: SourcePos) {
    self.location = location
    self.info = info
    self.op = op
    self.value = value
    self.opPos = opPos
    super.init(pos: pos)
  }

  override func exec(_ frame: Frame) throws -> Flow {
    let operand = try value.eval(frame)
    try operand.checkDepth(at: pos)
    if case .global(let slot) = location, frame.runtime.recording {
      frame.runtime.markRead(slot)
      frame.runtime.reads.noteWrite(slot)
    }
    let pointer = location.pointer(in: frame)
    guard var current = pointer.pointee else {
      if case .global = location { throw info.unknown(frame.runtime, at: pos) }
      throw info.unassigned(at: pos)
    }
    if case .number(let a) = current, case .number(let b) = operand {
      pointer.pointee = try Operators.numeric(op, a, b, at: opPos)
      return .normal
    }
    pointer.pointee = nil
    defer { pointer.pointee = current }
    if op == .add, case .list(let more) = operand, case .list(var items) = current {
      try Operators.checkList(items.count + more.count, at: opPos)
      current = .none
      items.append(contentsOf: more)
      current = .list(items)
    } else {
      current = try Operators.binary(op, current, operand, at: opPos)
    }
    return .normal
  }
}
