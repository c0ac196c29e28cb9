import Charts

extension Value {
  /// The text `print` and interpolation show: strings as they are, everything else as ``repr``.
  public var text: String {
    if case .string(let s) = self { return s }
    return repr
  }

  /// The source-like form: strings quoted, lists and records with their elements' ``repr``.
  public var repr: String {
    switch self {
    case .none: return "none"
    case .bool(let b): return b ? "true" : "false"
    case .number(let x): return NumberFormatting.plain(x)
    case .string(let s): return Value.quoted(s)
    case .list(let items): return "[" + items.map(\.repr).joined(separator: ", ") + "]"
    case .record(let record):
      let fields = record.fields.map { "\(Value.recordKey($0.key)): \($0.value.repr)" }
      return "{" + fields.joined(separator: ", ") + "}"
    case .function(let function): return "<fn \(function.signature)>"
    case .builtin(let builtin): return "<builtin \(builtin.name)>"
    case .object(let object): return object.summary
    }
  }

  /// A string literal that reads back as `s`.
  public static func quoted(_ s: String) -> String {
    "\"" + Escaping.escape(s, literalEscapes) + "\""
  }

  /// A string literal's escapes; braces are doubled, as interpolation reads them.
  static let literalEscapes = Escaping.stringLiteral.merging(["{": "{{", "}": "}}"]) { $1 }

  /// A record key as written in a literal: bare when it is an identifier, quoted otherwise.
  static func recordKey(_ key: String) -> String {
    Lexer.isIdentifier(key) && !Lexer.keywords.keys.contains(key) ? key : quoted(key)
  }
}

extension Value: CustomStringConvertible {
  /// Same as ``repr``.
  public var description: String { repr }
}
