/// The local variables of one function call (or of a cell's comprehension variables).
///
/// Slots are resolved at compile time, so a variable access is a pointer offset.
/// `nil` marks a variable not yet assigned.
final class Frame {
  let slots: UnsafeMutablePointer<Value?>
  let count: Int
  /// The frame of the lexically enclosing function, for functions defined inside functions.
  let parent: Frame?
  /// The session's runtime; the session outlives every frame it runs.
  unowned(unsafe) let runtime: Runtime
  /// Set by `return`.
  var returnValue: Value = .none

  init(count: Int, parent: Frame?, runtime: Runtime) {
    self.count = count
    self.parent = parent
    self.runtime = runtime
    slots = UnsafeMutablePointer<Value?>.allocate(capacity: max(count, 1))
    slots.initialize(repeating: nil, count: max(count, 1))
  }

  deinit {
    slots.deinitialize(count: max(count, 1))
    slots.deallocate()
  }

  /// The frame `depth` levels out.
  @inline(__always)
  func ancestor(_ depth: Int) -> Frame {
    var frame = self
    for _ in 0..<depth {
      guard let parent = frame.parent else { preconditionFailure("captured variable resolved past the outermost frame") }
      frame = parent
    }
    return frame
  }
}
