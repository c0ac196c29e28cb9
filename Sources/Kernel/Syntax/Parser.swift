/// Parses tokens into statements.
///
/// Newlines end statements, except inside parentheses, brackets and record literals
/// (``ignoringNewlines`` counts how deep we are in those) and after a binary operator.
struct Parser {
  /// How deeply expressions and blocks may nest before the parser refuses (the stack is finite).
  static let maximumNesting = 100
  /// How deep the syntax tree may grow, counting each operator of a left-associative chain
  /// (`a + b + c`, `f(x).y[0]`) as a level: compiling and evaluating walk it recursively.
  static let maximumDepth = 1_000

  var tokens: [Token]
  var index = 0
  var ignoringNewlines = 0
  var nesting = 0
  /// Operators of the left-associative chains being parsed, each a level of the tree.
  var chained = 0

  init(tokens: [Token]) {
    self.tokens = tokens
  }

  /// Lexes and parses a cell.
  static func parse(_ source: String, line: Int, column: Int) throws -> [Stmt] {
    var lexer = Lexer(source, line: line, column: column)
    var parser = Parser(tokens: try lexer.tokenize())
    return try parser.parseProgram()
  }

  // MARK: Token access

  /// The next significant token (newlines are skipped inside brackets).
  var current: Token {
    mutating get {
      skipIgnoredNewlines()
      return tokens[index]
    }
  }

  mutating func skipIgnoredNewlines() {
    if ignoringNewlines > 0 {
      while tokens[index].isNewline { index += 1 }
    }
  }

  mutating func skipNewlines() {
    while tokens[index].isNewline { index += 1 }
  }

  @discardableResult
  mutating func advance() -> Token {
    let token = current
    if !token.isEnd { index += 1 }
    return token
  }

  mutating func check(_ symbol: Symbol) -> Bool { current.isSymbol(symbol) }
  mutating func check(_ keyword: Keyword) -> Bool { current.isKeyword(keyword) }

  mutating func accept(_ symbol: Symbol) -> Bool {
    guard check(symbol) else { return false }
    advance()
    return true
  }

  mutating func accept(_ keyword: Keyword) -> Bool {
    guard check(keyword) else { return false }
    advance()
    return true
  }

  @discardableResult
  mutating func expect(_ symbol: Symbol, _ context: String) throws -> Token {
    let token = current
    guard token.isSymbol(symbol) else {
      throw Diagnostic("expected '\(symbol.rawValue)' \(context), found \(token.describe)", at: token.pos)
    }
    return advance()
  }

  mutating func expectIdentifier(_ context: String) throws -> (String, SourcePos) {
    let token = current
    switch token.kind {
    case .identifier(let name):
      advance()
      return (name, token.pos)
    case .keyword(let k):
      throw Diagnostic("'\(k.rawValue)' is a reserved word and cannot be used \(context)", at: token.pos)
    default:
      throw Diagnostic("expected a name \(context), found \(token.describe)", at: token.pos)
    }
  }

  /// Runs `body` with newlines ignored (inside brackets) or significant (inside a block).
  mutating func withNewlines<T>(ignored: Bool, _ body: (inout Parser) throws -> T) throws -> T {
    let saved = ignoringNewlines
    ignoringNewlines = ignored ? saved + 1 : 0
    defer { ignoringNewlines = saved }
    return try body(&self)
  }

  /// Counts one more operator of a left-associative chain (undone by the caller's `defer`).
  mutating func chainLink(at pos: SourcePos, count links: inout Int) throws {
    links += 1
    chained += 1
    guard nesting + chained <= Parser.maximumDepth else {
      throw Diagnostic(
        "expression too long (more than \(Parser.maximumDepth) chained operators); split it with intermediate names",
        at: pos)
    }
  }

  mutating func nested<T>(at pos: SourcePos, _ body: (inout Parser) throws -> T) throws -> T {
    nesting += 1
    defer { nesting -= 1 }
    guard nesting <= Parser.maximumNesting else {
      throw Diagnostic("code nested too deeply (more than \(Parser.maximumNesting) levels)", at: pos)
    }
    return try body(&self)
  }

  // MARK: Statements

  mutating func parseProgram() throws -> [Stmt] {
    var statements: [Stmt] = []
    while true {
      skipStatementSeparators()
      if current.isEnd { return statements }
      statements.append(try parseStatement())
      try endStatement()
    }
  }

  mutating func skipStatementSeparators() {
    while tokens[index].isNewline || tokens[index].isSymbol(.semicolon) { index += 1 }
  }

  /// A statement ends at a newline, `;`, the `}` closing its block, or the end of the cell.
  mutating func endStatement() throws {
    let token = tokens[index]
    if token.isNewline || token.isSymbol(.semicolon) || token.isSymbol(.rightBrace) || token.isEnd { return }
    throw Diagnostic("expected end of statement, found \(token.describe)", at: token.pos)
  }

  /// `{ statements }`; newlines matter inside even when the block sits in brackets.
  mutating func parseBlock(_ context: String) throws -> [Stmt] {
    let open = try expect(.leftBrace, context)
    return try nested(at: open.pos) { parser in
      try parser.withNewlines(ignored: false) { parser in
        var statements: [Stmt] = []
        while true {
          parser.skipStatementSeparators()
          let token = parser.tokens[parser.index]
          if token.isSymbol(.rightBrace) {
            parser.index += 1
            return statements
          }
          if token.isEnd {
            throw Diagnostic("missing '}' to close the block opened at \(open.pos)", at: token.pos)
          }
          statements.append(try parser.parseStatement())
          try parser.endStatement()
        }
      }
    }
  }

  mutating func parseStatement() throws -> Stmt {
    let token = current
    switch token.kind {
    case .keyword(.fn): return try parseFunction()
    case .keyword(.for): return try parseFor()
    case .keyword(.if): return try parseIf()
    case .keyword(.return):
      advance()
      let next = tokens[index]
      if next.isNewline || next.isEnd || next.isSymbol(.semicolon) || next.isSymbol(.rightBrace) {
        return Stmt(kind: .return(nil), pos: token.pos)
      }
      return Stmt(kind: .return(try parseExpression()), pos: token.pos)
    case .keyword(.break):
      advance()
      return Stmt(kind: .break, pos: token.pos)
    case .keyword(.continue):
      advance()
      return Stmt(kind: .continue, pos: token.pos)
    case .keyword(.else):
      throw Diagnostic("'else' without an 'if' before it", at: token.pos)
    default:
      return try parseSimpleStatement()
    }
  }

  /// An expression statement, an assignment or a compound assignment.
  mutating func parseSimpleStatement() throws -> Stmt {
    let start = current.pos
    let expr = try parseExpression()
    let token = tokens[index]
    let compound: [Symbol: BinaryOperator] = [
      .plusAssign: .add, .minusAssign: .subtract, .timesAssign: .multiply, .divideAssign: .divide,
    ]
    if token.isSymbol(.assign) {
      advance()
      let target = try assignTarget(expr, at: token.pos)
      return Stmt(kind: .assign(target, try parseExpression()), pos: start)
    }
    if case .symbol(let s) = token.kind, let op = compound[s] {
      advance()
      let target = try assignTarget(expr, at: token.pos)
      return Stmt(kind: .compoundAssign(target, op, try parseExpression()), pos: start)
    }
    return Stmt(kind: .expression(expr), pos: start)
  }

  /// Turns the expression left of `=` into a target: a name followed by members and indices.
  func assignTarget(_ expr: Expr, at equals: SourcePos) throws -> AssignTarget {
    switch expr.kind {
    case .name(let name):
      return AssignTarget(name: name, pos: expr.pos, path: [])
    case .member(let base, let name):
      var target = try assignTarget(base, at: equals)
      target.path.append(.member(name, expr.pos))
      return target
    case .index(let base, let index):
      var target = try assignTarget(base, at: equals)
      target.path.append(.index(index))
      return target
    default:
      throw Diagnostic("cannot assign to this expression; the left of '=' must be a name, a member or an index", at: expr.pos)
    }
  }

  mutating func parseFunction() throws -> Stmt {
    let fnToken = advance()
    let (name, namePos) = try expectIdentifier("for the function")
    try expect(.leftParen, "after the function name")
    let parameters: [ParameterDecl] = try withNewlines(ignored: true) { parser in
      var parameters: [ParameterDecl] = []
      while !parser.check(.rightParen) {
        let (pname, ppos) = try parser.expectIdentifier("for a parameter")
        if parameters.contains(where: { $0.name == pname }) {
          throw Diagnostic("parameter '\(pname)' appears twice", at: ppos)
        }
        var defaultValue: Expr?
        if parser.accept(.colon) {
          defaultValue = try parser.parseExpression()
        } else if let previous = parameters.last, previous.defaultValue != nil {
          throw Diagnostic("parameter '\(pname)' needs a default because '\(previous.name)' has one", at: ppos)
        }
        parameters.append(ParameterDecl(name: pname, pos: ppos, defaultValue: defaultValue))
        if !parser.accept(.comma) { break }
      }
      try parser.expect(.rightParen, "to close the parameter list")
      return parameters
    }
    let body = try parseBlock("to start the function body")
    return Stmt(kind: .function(FunctionDecl(name: name, pos: namePos, parameters: parameters, body: body)), pos: fnToken.pos)
  }

  mutating func parseBindings(_ context: String) throws -> [Binding] {
    var bindings: [Binding] = []
    repeat {
      let (name, pos) = try expectIdentifier(context)
      bindings.append(Binding(name: name, pos: pos))
    } while accept(.comma)
    return bindings
  }

  mutating func parseFor() throws -> Stmt {
    let forToken = advance()
    let bindings = try parseBindings("after 'for'")
    guard accept(.in) else {
      throw Diagnostic("expected 'in' after the loop variable, found \(current.describe)", at: current.pos)
    }
    let iterable = try parseExpression()
    let body = try parseBlock("to start the loop body")
    return Stmt(kind: .forIn(bindings, iterable, body), pos: forToken.pos)
  }

  mutating func parseIf() throws -> Stmt {
    let ifToken = advance()
    var branches: [(condition: Expr, body: [Stmt])] = []
    var otherwise: [Stmt]?
    branches.append((try parseExpression(), try parseBlock("to start the 'if' body")))
    while true {
      // `else` may sit on the line after the closing brace.
      let save = index
      skipNewlines()
      guard accept(.else) else {
        index = save
        break
      }
      if accept(.if) {
        branches.append((try parseExpression(), try parseBlock("to start the 'else if' body")))
      } else {
        otherwise = try parseBlock("after 'else'")
        break
      }
    }
    return Stmt(kind: .ifElse(branches, otherwise: otherwise), pos: ifToken.pos)
  }
}
