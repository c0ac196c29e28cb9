/// A value of the `lab` language.
///
/// CONTRACT (the runner builds params from YAML with the first six cases and
/// reads display forms through `DisplayItem`): keep these cases public.
///
/// The enum is not `indirect`: numbers stay unboxed, so arithmetic in loops
/// allocates nothing. `@unchecked`: domain objects are mutable classes; a session
/// confines its values to the thread running its cell.
public enum Value: @unchecked Sendable {
  case none
  case bool(Bool)
  case number(Double)
  case string(String)
  case list([Value])
  /// An ordered record: keys keep the order they were written in.
  case record(Record)
  /// A function written in the language (`fn name(a, b: 2) { ... }`).
  case function(Function)
  /// A function written in Swift: a registered builtin or a bound method of an object.
  case builtin(Builtin)
  /// A domain object (dataset, model, table, chart, ...) with members and a display form.
  case object(any LabObject)
}

/// An ordered collection of named values.
public struct Record: Sendable {
  /// The fields in order.
  public var fields: [(key: String, value: Value)]

  /// Creates a record from fields in order.
  public init(_ fields: [(key: String, value: Value)] = []) {
    self.fields = fields
  }

  /// The value of a field, or `nil` when the record has no such field.
  public subscript(key: String) -> Value? {
    fields.first { $0.key == key }?.value
  }
}
