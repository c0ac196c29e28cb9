/// A value made on first use: a data set a cache hit restored without its examples is made
/// again from its recipe only when a cell that runs needs it, so a render of hits makes none.
final class Deferred<Value> {
  private var value: Value?
  private var make: (() throws -> Value)?

  /// A value already made.
  init(_ value: Value) {
    self.value = value
  }

  /// A value `make` makes on first use (a failure is thrown to that use, and tried again at the next).
  init(making make: @escaping () throws -> Value) {
    self.make = make
  }

  /// The value, made now if it was not yet.
  func get() throws -> Value {
    if let value { return value }
    let made = try make!()
    value = made
    make = nil
    return made
  }
}
