/// Names visible while compiling: a cell's top level (globals) or a function body (locals),
/// with comprehension variables layered on top.
final class Scope {
  /// `nil` for a cell's top level.
  let function: FunctionCode?
  /// The scope of the function this one is nested in, if any.
  let parent: Scope?
  /// Locals of a function: its parameters and every name it assigns.
  private(set) var locals: [String: Int] = [:]
  /// Comprehension variables, innermost last.
  private var shadows: [[String: Int]] = []
  private(set) var slotCount = 0
  var loopDepth = 0

  init(function: FunctionCode?, parent: Scope?) {
    self.function = function
    self.parent = parent
  }

  var isFunction: Bool { function != nil }

  func declareLocal(_ name: String) {
    if locals[name] == nil {
      locals[name] = slotCount
      slotCount += 1
    }
  }

  /// Opens a comprehension level binding `names` to fresh slots.
  func pushShadow(_ names: [String]) -> [Int] {
    var level: [String: Int] = [:]
    var slots: [Int] = []
    for name in names {
      level[name] = slotCount
      slots.append(slotCount)
      slotCount += 1
    }
    shadows.append(level)
    return slots
  }

  func popShadows(_ count: Int) {
    shadows.removeLast(count)
  }

  /// Where `name` lives if it is not a global.
  func resolveNonGlobal(_ name: String) -> VariableLocation? {
    for level in shadows.reversed() {
      if let slot = level[name] { return .local(slot) }
    }
    if let slot = locals[name] { return .local(slot) }
    var depth = 1
    var outer = parent
    while let scope = outer {
      if let slot = scope.locals[name] { return .captured(depth: depth, slot: slot) }
      depth += 1
      outer = scope.parent
    }
    return nil
  }

  /// Every non-global name visible here, for suggestions.
  var visibleNames: [String] {
    var names = shadows.flatMap(\.keys) + Array(locals.keys)
    var outer = parent
    while let scope = outer {
      names += scope.locals.keys
      outer = scope.parent
    }
    return names
  }
}
