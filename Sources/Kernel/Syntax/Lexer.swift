import Foundation

/// Turns a cell's source into tokens with notebook positions.
///
/// Newlines are tokens; the parser decides where they matter (they end statements
/// except inside parentheses, brackets and record literals).
struct Lexer {
  /// Reserved words by spelling.
  static let keywords: [String: Keyword] = {
    var table: [String: Keyword] = [:]
    for k in [Keyword.fn, .return, .if, .else, .for, .in, .true, .false, .none, .and, .or, .not, .break, .continue] {
      table[k.rawValue] = k
    }
    return table
  }()

  let chars: [Character]
  var index = 0
  /// Notebook line and column of `chars[index]`.
  var line: Int
  var column: Int
  /// The notebook column of the first character of every line of the cell.
  let lineStartColumn: Int

  /// Lexes `source` whose first character sits at notebook `line`:`column`.
  init(_ source: String, line: Int, column: Int) {
    // Swift reads "\r\n" as one Character; lines end with "\n" alone from here on.
    self.chars = Array(source.replacingOccurrences(of: "\r\n", with: "\n"))
    self.line = line
    self.column = column
    self.lineStartColumn = column
  }

  /// Lexes the inside of an interpolation, which never spans lines.
  private init(fragment: [Character], line: Int, column: Int) {
    self.chars = fragment
    self.line = line
    self.column = column
    self.lineStartColumn = column
  }

  /// `true` when `text` is a valid identifier.
  static func isIdentifier(_ text: String) -> Bool {
    guard let first = text.first, isIdentifierStart(first) else { return false }
    return text.allSatisfy(isIdentifierPart)
  }

  static func isIdentifierStart(_ c: Character) -> Bool { c == "_" || c.isLetter }
  static func isIdentifierPart(_ c: Character) -> Bool { c == "_" || c.isLetter || (c.isASCII && c.isNumber) }
  static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

  var pos: SourcePos { SourcePos(line: line, column: column) }

  func peek(_ offset: Int = 0) -> Character? {
    index + offset < chars.count ? chars[index + offset] : nil
  }

  mutating func advance() {
    if chars[index] == "\n" {
      line += 1
      column = lineStartColumn
    } else {
      column += 1
    }
    index += 1
  }

  /// All tokens, ending with `.end`.
  mutating func tokenize() throws -> [Token] {
    var tokens: [Token] = []
    while true {
      let token = try next()
      tokens.append(token)
      if token.isEnd { return tokens }
    }
  }

  private mutating func next() throws -> Token {
    while let c = peek() {
      if c == " " || c == "\t" || c == "\r" {
        advance()
      } else if c == "#" {
        while let d = peek(), d != "\n" { advance() }
      } else if c == "\\" && peek(1) == "\n" {
        advance()
        advance()
      } else {
        break
      }
    }
    let start = pos
    guard let c = peek() else { return Token(kind: .end, pos: start) }
    if c == "\n" {
      advance()
      return Token(kind: .newline, pos: start)
    }
    if Lexer.isDigit(c) { return try number() }
    if Lexer.isIdentifierStart(c) {
      var name = ""
      while let d = peek(), Lexer.isIdentifierPart(d) {
        name.append(d)
        advance()
      }
      if let keyword = Lexer.keywords[name] { return Token(kind: .keyword(keyword), pos: start) }
      if name == "while" {
        throw Diagnostic("'while' is not in the language; loop with 'for x in xs' or 'for i in 0..<n'", at: start)
      }
      return Token(kind: .identifier(name), pos: start)
    }
    if c == "\"" { return try string() }
    return try symbol()
  }

  private mutating func symbol() throws -> Token {
    let start = pos
    guard let c = peek() else { return Token(kind: .end, pos: start) }
    let next = peek(1)
    let two = next.map { String([c, $0]) } ?? String(c)
    let three = peek(2).map { two + String($0) } ?? two
    for candidate in [three, two] where candidate.count > 1 {
      if let s = Symbol(rawValue: candidate) {
        for _ in 0..<candidate.count { advance() }
        return Token(kind: .symbol(s), pos: start)
      }
    }
    switch two {
    case "&&": throw Diagnostic("unexpected '&&'; write 'and'", at: start)
    case "||": throw Diagnostic("unexpected '||'; write 'or'", at: start)
    case "..": throw Diagnostic("unexpected '..'; write '..<' for a half-open range or '...' for a closed one", at: start)
    default: break
    }
    if let s = Symbol(rawValue: String(c)) {
      advance()
      return Token(kind: .symbol(s), pos: start)
    }
    switch c {
    case "!": throw Diagnostic("unexpected '!'; write 'not'", at: start)
    case "'": throw Diagnostic("strings use double quotes: \"...\"", at: start)
    default: throw Diagnostic("unexpected character '\(c)'", at: start)
    }
  }

  /// `42`, `1_000`, `2.5`, `1e-5`, and `25%` (a percent literal, 0.25) when `%` follows
  /// the digits directly and no operand follows the `%`.
  private mutating func number() throws -> Token {
    let start = pos
    var text = ""
    func digits(_ lexer: inout Lexer, into text: inout String) {
      while let d = lexer.peek(), Lexer.isDigit(d) || (d == "_" && !text.isEmpty && text.last != "." && text.last != "e") {
        if d != "_" { text.append(d) }
        lexer.advance()
      }
    }
    digits(&self, into: &text)
    if peek() == ".", let d = peek(1), Lexer.isDigit(d) {
      text.append(".")
      advance()
      digits(&self, into: &text)
    }
    if let e = peek(), e == "e" || e == "E" {
      var offset = 1
      if let s = peek(1), s == "+" || s == "-" { offset = 2 }
      if let d = peek(offset), Lexer.isDigit(d) {
        text.append("e")
        advance()
        if offset == 2, let s = peek() {
          text.append(s)
          advance()
        }
        digits(&self, into: &text)
      }
    }
    if let c = peek(), Lexer.isIdentifierPart(c) {
      var bad = text
      while let d = peek(), Lexer.isIdentifierPart(d) {
        bad.append(d)
        advance()
      }
      throw Diagnostic("invalid number '\(bad)'", at: start)
    }
    guard var value = Double(text) else { throw Diagnostic("invalid number '\(text)'", at: start) }
    if peek() == "%" && !startsOperand(peek(1)) {
      advance()
      value /= 100
    }
    return Token(kind: .number(value), pos: start)
  }

  /// Whether `c` can start an operand, which makes a `%` before it the modulo operator.
  private func startsOperand(_ c: Character?) -> Bool {
    guard let c else { return false }
    return Lexer.isIdentifierPart(c) || c == "(" || c == "[" || c == "{" || c == "\"" || c == "="
  }

  /// A string literal, split into text and interpolations.
  private mutating func string() throws -> Token {
    let start = pos
    advance()
    var pieces: [StringPiece] = []
    var text = ""
    while true {
      guard let c = peek(), c != "\n" else {
        throw Diagnostic("unterminated string: add the closing '\"' on the same line", at: start)
      }
      let here = pos
      switch c {
      case "\"":
        advance()
        if !text.isEmpty || pieces.isEmpty { pieces.append(.text(text)) }
        return Token(kind: .string(pieces), pos: start)
      case "\\":
        advance()
        text.append(try escape(at: here))
      case "{":
        if peek(1) == "{" {
          advance()
          advance()
          text.append("{")
        } else {
          if !text.isEmpty { pieces.append(.text(text)) }
          text = ""
          pieces.append(try interpolation(at: here))
        }
      case "}":
        guard peek(1) == "}" else { throw Diagnostic("single '}' in a string; write '}}' for a brace", at: here) }
        advance()
        advance()
        text.append("}")
      default:
        text.append(c)
        advance()
      }
    }
  }

  private mutating func escape(at start: SourcePos) throws -> Character {
    guard let c = peek(), c != "\n" else { throw Diagnostic("unterminated string: add the closing '\"' on the same line", at: start) }
    advance()
    switch c {
    case "n": return "\n"
    case "t": return "\t"
    case "r": return "\r"
    case "0": return "\0"
    case "\\", "\"", "{", "}": return c
    case "u":
      guard peek() == "{" else { throw Diagnostic("bad escape: write \\u{hex digits}", at: start) }
      advance()
      var hex = ""
      while let d = peek(), d.isHexDigit, hex.count < 8 {
        hex.append(d)
        advance()
      }
      guard peek() == "}", let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
        throw Diagnostic("bad escape: write \\u{hex digits} with a valid code point", at: start)
      }
      advance()
      return Character(scalar)
    default:
      throw Diagnostic("unknown escape '\\\(c)' (use \\n \\t \\r \\0 \\\\ \\\" \\{ \\} \\u{...})", at: start)
    }
  }

  /// `{expr}` or `{expr:spec}`; the opening brace is at `start`.
  private mutating func interpolation(at start: SourcePos) throws -> StringPiece {
    advance()
    let exprStart = pos
    var expr: [Character] = []
    var depth = 0
    var spec: String?
    var specPos = pos
    while true {
      guard let c = peek(), c != "\n" else {
        throw Diagnostic("unterminated interpolation: close it with '}'", at: start)
      }
      if spec != nil {
        if c == "}" { advance(); break }
        if c == "{" { throw Diagnostic("'{' inside a format spec", at: pos) }
        spec?.append(c)
        advance()
        continue
      }
      switch c {
      case "(", "[", "{":
        depth += 1
      case ")", "]":
        depth -= 1
      case "}":
        if depth == 0 {
          advance()
          return try finishInterpolation(expr, at: exprStart, braceAt: start, spec: nil, specPos: specPos)
        }
        depth -= 1
      case ":" where depth == 0:
        advance()
        spec = ""
        specPos = pos
        continue
      case "\"":
        // A string nested in the expression: copy it whole so its braces and colons are not ours.
        expr.append(c)
        advance()
        while let d = peek(), d != "\"", d != "\n" {
          expr.append(d)
          advance()
          if d == "\\", let e = peek(), e != "\n" {
            expr.append(e)
            advance()
          }
        }
        guard peek() == "\"" else { throw Diagnostic("unterminated string inside an interpolation", at: start) }
      default:
        break
      }
      expr.append(c == "\"" ? "\"" : c)
      advance()
    }
    return try finishInterpolation(expr, at: exprStart, braceAt: start, spec: spec, specPos: specPos)
  }

  private func finishInterpolation(
    _ expr: [Character], at exprStart: SourcePos, braceAt brace: SourcePos, spec: String?, specPos: SourcePos
  ) throws -> StringPiece {
    guard expr.contains(where: { $0 != " " }) else {
      throw Diagnostic("empty interpolation '{}'; write '{{}}' for braces", at: brace)
    }
    if let spec { _ = try Lexer.checkSpec(spec, at: specPos) }
    var inner = Lexer(fragment: expr, line: Int(exprStart.line), column: Int(exprStart.column))
    let tokens = try inner.tokenize()
    return .interpolation(tokens: tokens, spec: spec, specPos: specPos)
  }

  /// Parses a spec now so that a bad one is a syntax error at its position.
  static func checkSpec(_ spec: String, at pos: SourcePos) throws -> FormatSpec {
    do {
      return try FormatSpec(spec)
    } catch let error as FormatSpecError {
      throw Diagnostic(error.description, at: pos)
    }
  }
}
