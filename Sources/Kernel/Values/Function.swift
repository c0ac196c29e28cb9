/// A function written in the language: its compiled body and the scope it closes over.
public final class Function: @unchecked Sendable {
  /// The name given after `fn`.
  public let name: String
  /// The parameter names in order.
  public var parameterNames: [String] { code.parameterNames }
  let code: FunctionCode
  /// The frame of the enclosing function, for functions defined inside functions.
  let captured: Frame?
  /// Default values, evaluated once when the `fn` statement runs (`nil`: required).
  let defaults: [Value?]

  init(code: FunctionCode, captured: Frame?, defaults: [Value?]) {
    self.name = code.name
    self.code = code
    self.captured = captured
    self.defaults = defaults
  }

  /// `name(a, b: 2)`, as the function was declared.
  public var signature: String {
    let parameters = zip(code.parameterNames, defaults).map { name, value in
      value.map { "\(name): \($0.repr)" } ?? name
    }
    return "\(name)(\(parameters.joined(separator: ", ")))"
  }
}
