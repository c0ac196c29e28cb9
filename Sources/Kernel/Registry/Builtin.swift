/// One parameter of a builtin: name, type and default.
public struct Parameter: Sendable {
  /// The name used for named arguments.
  public var name: String
  /// The accepted type (`none` is also accepted when the default is `none`).
  public var type: ValueType
  /// The default; `nil` makes the parameter required.
  public var defaultValue: Value?

  /// A required parameter.
  public init(_ name: String, _ type: ValueType = .any) {
    self.name = name
    self.type = type
    self.defaultValue = nil
  }

  /// An optional parameter; `default: .none` accepts `none` besides `type`.
  public init(_ name: String, _ type: ValueType = .any, default defaultValue: Value) {
    self.name = name
    self.type = type
    self.defaultValue = defaultValue
  }

  /// Whether a call must give it.
  public var isRequired: Bool { defaultValue == nil }

  /// `name: type = default`.
  var signature: String {
    var text = "\(name): \(type)"
    if let defaultValue { text += " = \(defaultValue.repr)" }
    return text
  }
}

/// A function written in Swift: a registered builtin, or a method bound to an object.
public final class Builtin: @unchecked Sendable {
  /// The body: bound arguments in, value out. Throw ``LabError`` (without a location:
  /// the call's location is added) for errors users should see.
  public typealias Body = (Arguments, Context) throws -> Value

  /// The name users call.
  public let name: String
  /// Parameters in positional order.
  public let parameters: [Parameter]
  /// Collects extra positional arguments (`print(a, b, c)`), when the builtin takes any number.
  public let variadic: Parameter?
  /// The result type, for the reference.
  public let returns: ValueType
  /// A one-line description.
  public let doc: String
  /// The reference section the builtin appears in (`Core`, `Math`, `Charts`).
  public let category: String
  let body: Body

  /// Creates a builtin.
  public init(
    _ name: String, category: String, doc: String, parameters: [Parameter] = [], variadic: Parameter? = nil,
    returns: ValueType = .any, body: @escaping Body
  ) {
    self.name = name
    self.category = category
    self.doc = doc
    self.parameters = parameters
    self.variadic = variadic
    self.returns = returns
    self.body = body
  }

  /// `name(a: number, b: int = 2) -> number`.
  public var signature: String {
    var parts: [String] = []
    if let variadic, parameters.isEmpty || parameters[0].defaultValue != nil {
      parts.append("\(variadic.name): \(variadic.type)...")
      parts += parameters.map(\.signature)
    } else {
      parts = parameters.map(\.signature)
      if let variadic { parts.insert("\(variadic.name): \(variadic.type)...", at: parameters.prefix { $0.isRequired }.count) }
    }
    return "\(name)(\(parts.joined(separator: ", "))) -> \(returns)"
  }

  /// Whether `error` is the language's own: a ``LabError``, or an interruption or timeout
  /// raised through ``Context``. Bindings rethrow these unchanged.
  public static func isLanguageError(_ error: Error) -> Bool {
    error is LabError || error is Diagnostic
  }

  /// The message of an error thrown by Swift code, as users should read it.
  public static func message(of error: Error) -> String {
    switch error {
    case let error as LabError: return error.message
    case let error as Diagnostic: return error.message
    case let error as CustomStringConvertible: return error.description
    default: return String(describing: error)
    }
  }
}
