/// A value of the `lab` language.
///
/// CONTRACT (the runner builds params from YAML with the first six cases and
/// reads display forms through `DisplayItem`): keep these cases public.
public indirect enum Value: Sendable {
  case none
  case bool(Bool)
  case number(Double)
  case string(String)
  case list([Value])
  /// An ordered record: keys keep the order they were written in.
  case record(Record)
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
