/// Where a name lives, decided at compile time.
enum VariableLocation {
  /// A slot of the current frame.
  case local(Int)
  /// A slot of an enclosing function's frame, `depth` frames out.
  case captured(depth: Int, slot: Int)
  /// A session-wide slot.
  case global(Int)
}

/// What an error about an unassigned name needs: the name, how it was used, and the
/// other names in scope at that point (for suggestions).
struct NameInfo {
  let name: String
  let isCallee: Bool
  let localNames: [String]

  func unknown(_ runtime: Runtime, at pos: SourcePos) -> Diagnostic {
    let candidates = localNames + runtime.definedGlobalNames
    let what = isCallee ? "function" : "variable"
    return Diagnostic("unknown \(what) '\(name)'\(Suggestion.hint(for: name, among: candidates))", at: pos)
  }

  func unassigned(at pos: SourcePos) -> Diagnostic {
    Diagnostic("variable '\(name)' is used before it is assigned", at: pos)
  }
}

final class GlobalGetNode: ExprNode {
  let slot: Int
  let info: NameInfo

  init(slot: Int, info: NameInfo, pos: SourcePos) {
    self.slot = slot
    self.info = info
    super.init(pos: pos)
  }

  override func eval(_ frame: Frame) throws -> Value {
    let runtime = frame.runtime
    if let value = runtime.globals[slot] {
      if runtime.recording { runtime.markRead(slot) }
      return value
    }
    throw info.unknown(runtime, at: pos)
  }
}

/// `name.field` for a global: records only the field when the global is a record and the
/// cell cache is listening (`params.epochs` depends on `epochs`, not on all of `params`).
final class GlobalMemberNode: ExprNode {
  let global: GlobalGetNode
  let name: String

  init(_ global: GlobalGetNode, name: String, pos: SourcePos) {
    self.global = global
    self.name = name
    super.init(pos: pos)
  }

  override func eval(_ frame: Frame) throws -> Value {
    let runtime = frame.runtime
    guard let value = runtime.globals[global.slot] else { throw global.info.unknown(runtime, at: global.pos) }
    if runtime.recording {
      if case .record = value {
        runtime.reads.noteField(global.slot, name)
      } else {
        runtime.markRead(global.slot)
      }
    }
    return try Indexing.member(value, name, at: pos)
  }
}

final class LocalGetNode: ExprNode {
  let slot: Int
  let info: NameInfo

  init(slot: Int, info: NameInfo, pos: SourcePos) {
    self.slot = slot
    self.info = info
    super.init(pos: pos)
  }

  override func eval(_ frame: Frame) throws -> Value {
    if let value = frame.slots[slot] { return value }
    throw info.unassigned(at: pos)
  }
}

final class CapturedGetNode: ExprNode {
  let depth: Int
  let slot: Int
  let info: NameInfo

  init(depth: Int, slot: Int, info: NameInfo, pos: SourcePos) {
    self.depth = depth
    self.slot = slot
    self.info = info
    super.init(pos: pos)
  }

  override func eval(_ frame: Frame) throws -> Value {
    if let value = frame.ancestor(depth).slots[slot] { return value }
    throw info.unassigned(at: pos)
  }
}

extension VariableLocation {
  /// The storage of the variable, seen from `frame`.
  @inline(__always)
  func pointer(in frame: Frame) -> UnsafeMutablePointer<Value?> {
    switch self {
    case .local(let slot): return frame.slots + slot
    case .captured(let depth, let slot): return frame.ancestor(depth).slots + slot
    case .global(let slot): return frame.runtime.globals + slot
    }
  }
}

/// `name = value` for a global: the hot path of top-level loops, kept separate.
final class SetGlobalNode: StmtNode {
  let slot: Int
  let value: ExprNode

  init(slot: Int, value: ExprNode, pos: SourcePos) {
    self.slot = slot
    self.value = value
    super.init(pos: pos)
  }

  override func exec(_ frame: Frame) throws -> Flow {
    // Evaluate before reading `globals`: the pointer is only stable between slot allocations.
    let result = try value.eval(frame)
    try result.checkDepth(at: pos)
    frame.runtime.globals[slot] = result
    return .normal
  }
}

/// `name = value` for a local.
final class SetLocalNode: StmtNode {
  let slot: Int
  let value: ExprNode

  init(slot: Int, value: ExprNode, pos: SourcePos) {
    self.slot = slot
    self.value = value
    super.init(pos: pos)
  }

  override func exec(_ frame: Frame) throws -> Flow {
    let result = try value.eval(frame)
    try result.checkDepth(at: pos)
    frame.slots[slot] = result
    return .normal
  }
}

/// `name = value` for a variable of an enclosing function.
final class SetCapturedNode: StmtNode {
  let location: VariableLocation
  let value: ExprNode

  init(location: VariableLocation, value: ExprNode, pos: SourcePos) {
    self.location = location
    self.value = value
    super.init(pos: pos)
  }

  override func exec(_ frame: Frame) throws -> Flow {
    let result = try value.eval(frame)
    try result.checkDepth(at: pos)
    location.pointer(in: frame).pointee = result
    return .normal
  }
}
