/// The names a `for` binds, with the destructuring of `for a, b in pairs`.
struct LoopTarget {
  let locations: [VariableLocation]
  let names: [String]
  let pos: SourcePos

  @inline(__always)
  func assign(_ value: Value, in frame: Frame) throws {
    if locations.count == 1 {
      locations[0].pointer(in: frame).pointee = value
      return
    }
    guard case .list(let items) = value else {
      throw Diagnostic("cannot unpack a \(value.typeName) into \(names.count) names (\(names.joined(separator: ", ")))", at: pos)
    }
    guard items.count == locations.count else {
      throw Diagnostic("cannot unpack a list of \(items.count) into \(names.count) names (\(names.joined(separator: ", ")))", at: pos)
    }
    for (location, item) in zip(locations, items) { location.pointer(in: frame).pointee = item }
  }
}

/// What a loop iterates: a range expression directly (no list is built) or any iterable value.
enum LoopSource {
  case range(ExprNode, ExprNode, inclusive: Bool)
  case values(ExprNode)

  /// Calls `body` with each element; `body` returns `false` to stop.
  @inline(__always)
  func forEach(_ frame: Frame, at pos: SourcePos, _ body: (Value) throws -> Bool) throws {
    switch self {
    case .range(let lower, let upper, let inclusive):
      let (lo, hi) = try Indexing.rangeBounds(try lower.eval(frame), try upper.eval(frame), at: pos)
      var i = lo
      while inclusive ? i <= hi : i < hi {
        if try !body(.number(i)) { return }
        i += 1
      }
    case .values(let node):
      for element in try Indexing.elements(of: try node.eval(frame), at: node.pos) {
        if try !body(element) { return }
      }
    }
  }
}
