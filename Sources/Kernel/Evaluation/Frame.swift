/// What a frame holds besides its slots.
struct FrameHeader {
  let count: Int
  /// The frame of the lexically enclosing function, for functions defined inside functions.
  let parent: Frame?
  /// The session's runtime; the session outlives every frame it runs.
  unowned(unsafe) let runtime: Runtime
  /// Set by `return`.
  var returnValue: Value = .none
}

/// The local variables of one function call (or of a cell's comprehension variables).
///
/// Slots are resolved at compile time, so a variable access is a pointer offset; `nil`
/// marks a variable not yet assigned. Header and slots share one allocation, which
/// matters for the cost of a call.
final class Frame: ManagedBuffer<FrameHeader, Value?> {
  static func make(count: Int, parent: Frame?, runtime: Runtime) -> Frame {
    let buffer = Frame.create(minimumCapacity: count) { _ in FrameHeader(count: count, parent: parent, runtime: runtime) }
    let frame = unsafeDowncast(buffer, to: Frame.self)
    frame.withUnsafeMutablePointerToElements { $0.initialize(repeating: nil, count: count) }
    return frame
  }

  deinit {
    withUnsafeMutablePointers { header, slots in _ = slots.deinitialize(count: header.pointee.count) }
  }

  /// The first slot; the pointer lives as long as the frame.
  @inline(__always)
  var slots: UnsafeMutablePointer<Value?> { withUnsafeMutablePointerToElements { $0 } }

  @inline(__always)
  var runtime: Runtime { withUnsafeMutablePointerToHeader { $0.pointee.runtime } }

  @inline(__always)
  var parent: Frame? { withUnsafeMutablePointerToHeader { $0.pointee.parent } }

  @inline(__always)
  var returnValue: Value {
    get { withUnsafeMutablePointerToHeader { $0.pointee.returnValue } }
    set { withUnsafeMutablePointerToHeader { $0.pointee.returnValue = newValue } }
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
