extension Value {
  /// How many levels of lists and records nest in this value (a scalar or an object is level
  /// 0), or `limit + 1` when deeper than `limit`.
  ///
  /// Lists and records that share storage (`a = [a, a]` in a loop builds a value of 2^n
  /// elements from n arrays) are measured once each, so the cost is the number of distinct
  /// arrays, and the recursion never goes more than `limit + 1` levels deep.
  func nestingDepth(limit: Int) -> Int {
    var measured: [UnsafeRawPointer: Int] = [:]
    return Value.depth(self, limit: limit, measured: &measured)
  }

  private static func depth(_ value: Value, limit: Int, measured: inout [UnsafeRawPointer: Int]) -> Int {
    switch value {
    case .list(let items):
      return depth(ofElements: items, limit: limit, measured: &measured) { $0 }
    case .record(let record):
      return depth(ofElements: record.fields, limit: limit, measured: &measured) { $0.value }
    default:
      return 0
    }
  }

  /// 1 + the deepest element, remembered by the address of the array's storage.
  private static func depth<T>(
    ofElements elements: [T], limit: Int, measured: inout [UnsafeRawPointer: Int], _ value: (T) -> Value
  ) -> Int {
    guard limit > 0 else { return 1 }
    let key = elements.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    if let key, let known = measured[key] { return known }
    var deepest = 0
    for element in elements {
      deepest = max(deepest, depth(value(element), limit: limit - 1, measured: &measured))
      if deepest >= limit { break }
    }
    if let key { measured[key] = deepest + 1 }
    return deepest + 1
  }

  /// Throws when the value is about to be stored `extraLevels` below a variable and would nest
  /// deeper than ``Limits/maximumValueDepth``: a loop like `a = [a]` would otherwise build a
  /// value whose display, comparison or deallocation overflows the stack.
  func checkDepth(extraLevels: Int = 0, at pos: SourcePos) throws {
    switch self {
    case .list, .record: break
    default: return
    }
    let limit = Limits.maximumValueDepth - extraLevels
    guard nestingDepth(limit: limit) > limit else { return }
    throw Diagnostic(
      "value nested too deeply (more than \(Limits.maximumValueDepth) levels of lists and records)", at: pos)
  }
}
