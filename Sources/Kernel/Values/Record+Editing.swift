extension Record {
  /// The field names in order.
  public var keys: [String] { fields.map(\.key) }

  /// The field values in order.
  public var values: [Value] { fields.map(\.value) }

  /// The number of fields.
  public var count: Int { fields.count }

  /// Sets a field, replacing it in place when it exists and appending it otherwise.
  public mutating func set(_ key: String, _ value: Value) {
    if let index = fields.firstIndex(where: { $0.key == key }) {
      fields[index].value = value
    } else {
      fields.append((key: key, value: value))
    }
  }
}
