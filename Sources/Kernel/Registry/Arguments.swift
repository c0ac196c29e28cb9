/// The arguments of one builtin call, bound to the builtin's parameters and type-checked.
///
/// Accessors throw a ``LabError`` naming the function and the parameter when a value
/// does not convert (the binding has checked declared types already).
public struct Arguments {
  /// The builtin's name, for messages.
  public let function: String
  let parameters: [Parameter]
  let values: [Value]
  let given: [Bool]
  /// Extra positional arguments collected by a variadic builtin.
  public let rest: [Value]

  init(function: String, parameters: [Parameter], values: [Value], given: [Bool], rest: [Value]) {
    self.function = function
    self.parameters = parameters
    self.values = values
    self.given = given
    self.rest = rest
  }

  private func slot(_ name: String) throws -> Int {
    guard let index = parameters.firstIndex(where: { $0.name == name }) else {
      // A builtin asking for a parameter it did not declare is a programming error in the binding.
      throw LabError("\(function)(): internal error: no parameter '\(name)'")
    }
    return index
  }

  /// The value of a parameter (its default when not given).
  public subscript(_ name: String) -> Value {
    guard let index = parameters.firstIndex(where: { $0.name == name }) else { return .none }
    return values[index]
  }

  /// Whether the call gave the parameter explicitly.
  public func isGiven(_ name: String) -> Bool {
    parameters.firstIndex { $0.name == name }.map { given[$0] } ?? false
  }

  /// An error about a parameter: `f(): argument 'x' must be ...`.
  public func error(_ name: String, _ problem: String) -> LabError {
    LabError("\(function)(): argument '\(name)' \(problem)")
  }

  /// A number.
  public func number(_ name: String) throws -> Double {
    guard case .number(let x) = values[try slot(name)] else { throw error(name, "must be a number, got \(self[name].typeName)") }
    return x
  }

  /// A number, or `nil` for `none`.
  public func optionalNumber(_ name: String) throws -> Double? {
    if self[name].isNone { return nil }
    return try number(name)
  }

  /// A whole number.
  public func int(_ name: String) throws -> Int {
    let x = try number(name)
    guard x == x.rounded(), abs(x) < 1e15 else { throw error(name, "must be a whole number, got \(NumberFormatting.plain(x))") }
    return Int(x)
  }

  /// A whole number, or `nil` for `none`.
  public func optionalInt(_ name: String) throws -> Int? {
    if self[name].isNone { return nil }
    return try int(name)
  }

  /// A bool.
  public func bool(_ name: String) throws -> Bool {
    guard case .bool(let b) = values[try slot(name)] else { throw error(name, "must be true or false, got \(self[name].typeName)") }
    return b
  }

  /// A string.
  public func string(_ name: String) throws -> String {
    guard case .string(let s) = values[try slot(name)] else { throw error(name, "must be a string, got \(self[name].typeName)") }
    return s
  }

  /// A string, or `nil` for `none`.
  public func optionalString(_ name: String) throws -> String? {
    if self[name].isNone { return nil }
    return try string(name)
  }

  /// A list.
  public func list(_ name: String) throws -> [Value] {
    guard case .list(let items) = values[try slot(name)] else { throw error(name, "must be a list, got \(self[name].typeName)") }
    return items
  }

  /// A list of numbers.
  public func numbers(_ name: String) throws -> [Double] {
    try list(name).enumerated().map { index, item in
      guard case .number(let x) = item else {
        throw error(name, "must be a list of numbers; element \(index) is a \(item.typeName)")
      }
      return x
    }
  }

  /// A string or a list of strings, as a list (`y: "loss"` or `y: ["loss", "acc"]`).
  public func strings(_ name: String) throws -> [String] {
    switch self[name] {
    case .string(let s): return [s]
    case .list(let items):
      return try items.map { item in
        guard case .string(let s) = item else { throw error(name, "must be a list of strings; found a \(item.typeName)") }
        return s
      }
    case .none: return []
    default: throw error(name, "must be a string or a list of strings, got \(self[name].typeName)")
    }
  }

  /// A string that must be one of `options`: `must be one of "a", "b", got "c"` with a
  /// suggestion for a near miss.
  public func choice(_ name: String, among options: [String]) throws -> String {
    let value = try string(name)
    guard options.contains(value) else {
      let listing = options.map { "\"\($0)\"" }.joined(separator: ", ")
      throw error(name, "must be one of \(listing), got \"\(value)\"\(Suggestion.hint(for: value, among: options))")
    }
    return value
  }

  /// A string naming one case of `type` by its raw value (see ``choice(_:among:)``).
  public func choice<T: CaseIterable & RawRepresentable>(_ name: String, as type: T.Type) throws -> T where T.RawValue == String {
    let value = try choice(name, among: T.allCases.map(\.rawValue))
    // `choice` has checked that the raw value names a case.
    return T(rawValue: value)!
  }

  /// A record.
  public func record(_ name: String) throws -> Record {
    guard case .record(let r) = values[try slot(name)] else { throw error(name, "must be a record, got \(self[name].typeName)") }
    return r
  }

  /// A domain object of type `T`.
  public func object<T: LabObject>(_ name: String, as type: T.Type) throws -> T {
    guard case .object(let object) = values[try slot(name)], let typed = object as? T else {
      throw error(name, "must be a \(T.typeName), got \(self[name].typeName)")
    }
    return typed
  }
}
