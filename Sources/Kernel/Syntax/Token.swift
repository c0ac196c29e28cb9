/// The words the language reserves.
enum Keyword: String, Sendable {
  case fn, `return`, `if`, `else`, `for`, `in`, `true`, `false`, none, and, or, not, `break`, `continue`
}

/// Operators and punctuation.
enum Symbol: String, Sendable {
  case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
  case leftBrace = "{", rightBrace = "}", comma = ",", colon = ":", semicolon = ";", dot = "."
  case halfOpenRange = "..<", closedRange = "..."
  case assign = "=", plusAssign = "+=", minusAssign = "-=", timesAssign = "*=", divideAssign = "/="
  case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
  case plus = "+", minus = "-", times = "*", divide = "/", modulo = "%", power = "**"
}

/// One piece of a string literal: text, or an interpolated expression with an optional format spec.
enum StringPiece: Sendable {
  case text(String)
  /// The expression's tokens (ending with `.end`), the spec after `:` and where the spec starts.
  case interpolation(tokens: [Token], spec: String?, specPos: SourcePos)
}

/// What a token is.
enum TokenKind: Sendable {
  case identifier(String)
  case number(Double)
  case string([StringPiece])
  case keyword(Keyword)
  case symbol(Symbol)
  case newline
  case end
}

/// A token and where it starts in the notebook.
struct Token: Sendable {
  var kind: TokenKind
  var pos: SourcePos

  /// How the token reads in an error message (`'}'`, `end of line`).
  var describe: String {
    switch kind {
    case .identifier(let name): return "'\(name)'"
    case .number: return "a number"
    case .string: return "a string"
    case .keyword(let k): return "'\(k.rawValue)'"
    case .symbol(let s): return "'\(s.rawValue)'"
    case .newline: return "end of line"
    case .end: return "end of cell"
    }
  }

  func isSymbol(_ symbol: Symbol) -> Bool {
    if case .symbol(let s) = kind { return s == symbol }
    return false
  }

  func isKeyword(_ keyword: Keyword) -> Bool {
    if case .keyword(let k) = kind { return k == keyword }
    return false
  }

  var isNewline: Bool {
    if case .newline = kind { return true }
    return false
  }

  var isEnd: Bool {
    if case .end = kind { return true }
    return false
  }
}
