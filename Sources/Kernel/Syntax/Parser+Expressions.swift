extension Parser {
  /// An expression, lowest precedence first: `or`, `and`, `not`, comparisons, ranges,
  /// `+ -`, `* / %`, unary minus, `**`, then calls, members and indices.
  mutating func parseExpression() throws -> Expr {
    try nested(at: current.pos) { parser in try parser.parseOr() }
  }

  /// After a binary operator the expression continues on the next line.
  mutating func operatorConsumed() {
    skipNewlines()
  }

  mutating func parseOr() throws -> Expr {
    var links = 0
    defer { chained -= links }
    var left = try parseAnd()
    while check(.or) {
      let op = advance()
      try chainLink(at: op.pos, count: &links)
      operatorConsumed()
      left = Expr(kind: .or(left, try parseAnd()), pos: op.pos)
    }
    return left
  }

  mutating func parseAnd() throws -> Expr {
    var links = 0
    defer { chained -= links }
    var left = try parseNot()
    while check(.and) {
      let op = advance()
      try chainLink(at: op.pos, count: &links)
      operatorConsumed()
      left = Expr(kind: .and(left, try parseNot()), pos: op.pos)
    }
    return left
  }

  mutating func parseNot() throws -> Expr {
    if check(.not) {
      let op = advance()
      return try nested(at: op.pos) { parser in Expr(kind: .not(try parser.parseNot()), pos: op.pos) }
    }
    return try parseComparison()
  }

  mutating func comparisonOperator() -> BinaryOperator? {
    let token = current
    switch token.kind {
    case .symbol(.equal): return .equal
    case .symbol(.notEqual): return .notEqual
    case .symbol(.less): return .less
    case .symbol(.lessEqual): return .lessEqual
    case .symbol(.greater): return .greater
    case .symbol(.greaterEqual): return .greaterEqual
    case .keyword(.in): return .contains
    case .keyword(.not):
      let next = tokens[index + 1]
      return next.isKeyword(.in) ? .notContains : nil
    default: return nil
    }
  }

  mutating func parseComparison() throws -> Expr {
    let left = try parseRange()
    guard let op = comparisonOperator() else { return left }
    let opToken = advance()
    if op == .notContains { advance() }
    operatorConsumed()
    let right = try parseRange()
    if comparisonOperator() != nil {
      throw Diagnostic("comparisons cannot be chained; write 'a < b and b < c'", at: current.pos)
    }
    return Expr(kind: .binary(op, left, right), pos: opToken.pos)
  }

  mutating func parseRange() throws -> Expr {
    let left = try parseAdditive()
    let token = current
    guard token.isSymbol(.halfOpenRange) || token.isSymbol(.closedRange) else { return left }
    advance()
    operatorConsumed()
    let right = try parseAdditive()
    return Expr(kind: .range(left, right, inclusive: token.isSymbol(.closedRange)), pos: token.pos)
  }

  mutating func parseAdditive() throws -> Expr {
    var links = 0
    defer { chained -= links }
    var left = try parseMultiplicative()
    while true {
      let token = current
      let op: BinaryOperator
      if token.isSymbol(.plus) { op = .add } else if token.isSymbol(.minus) { op = .subtract } else { return left }
      try chainLink(at: token.pos, count: &links)
      advance()
      operatorConsumed()
      left = Expr(kind: .binary(op, left, try parseMultiplicative()), pos: token.pos)
    }
  }

  mutating func parseMultiplicative() throws -> Expr {
    var links = 0
    defer { chained -= links }
    var left = try parseUnary()
    while true {
      let token = current
      let op: BinaryOperator
      switch token.kind {
      case .symbol(.times): op = .multiply
      case .symbol(.divide): op = .divide
      case .symbol(.modulo): op = .modulo
      default: return left
      }
      try chainLink(at: token.pos, count: &links)
      advance()
      operatorConsumed()
      left = Expr(kind: .binary(op, left, try parseUnary()), pos: token.pos)
    }
  }

  mutating func parseUnary() throws -> Expr {
    let token = current
    if token.isSymbol(.minus) {
      advance()
      return try nested(at: token.pos) { parser in
        let operand = try parser.parseUnary()
        // Fold `-3` into a literal: constant negative numbers are common and cheaper as constants.
        if case .number(let x) = operand.kind { return Expr(kind: .number(-x), pos: token.pos) }
        return Expr(kind: .negate(operand), pos: token.pos)
      }
    }
    if token.isSymbol(.plus) {
      advance()
      return try nested(at: token.pos) { parser in try parser.parseUnary() }
    }
    return try parsePower()
  }

  /// `**` binds tighter than unary minus on its left and is right-associative: `-2 ** 2` is -4.
  mutating func parsePower() throws -> Expr {
    let base = try parsePostfix()
    let token = current
    guard token.isSymbol(.power) else { return base }
    advance()
    operatorConsumed()
    let exponent = try nested(at: token.pos) { parser in try parser.parseUnary() }
    return Expr(kind: .binary(.power, base, exponent), pos: token.pos)
  }

  mutating func parsePostfix() throws -> Expr {
    var links = 0
    defer { chained -= links }
    var expr = try parsePrimary()
    while true {
      // Postfix operators must start on the same line, unless inside brackets.
      let token = current
      if token.isSymbol(.leftParen) || token.isSymbol(.leftBracket) || token.isSymbol(.dot) {
        try chainLink(at: token.pos, count: &links)
      }
      switch token.kind {
      case .symbol(.leftParen):
        advance()
        let arguments = try withNewlines(ignored: true) { parser in try parser.parseArguments() }
        expr = Expr(kind: .call(expr, arguments), pos: expr.pos)
      case .symbol(.leftBracket):
        advance()
        expr = try withNewlines(ignored: true) { parser in try parser.parseIndex(expr, open: token.pos) }
      case .symbol(.dot):
        advance()
        let (name, namePos) = try expectIdentifier("after '.'")
        expr = Expr(kind: .member(expr, name: name), pos: namePos)
      default:
        return expr
      }
    }
  }

  mutating func parseArguments() throws -> [Argument] {
    var arguments: [Argument] = []
    while !check(.rightParen) {
      let token = current
      if case .identifier(let label) = token.kind, tokens[index + 1].isSymbol(.colon) {
        advance()
        advance()
        if arguments.contains(where: { $0.label == label }) {
          throw Diagnostic("argument '\(label)' given twice", at: token.pos)
        }
        arguments.append(Argument(label: label, pos: token.pos, value: try parseExpression()))
      } else {
        if arguments.contains(where: { $0.label != nil }) {
          throw Diagnostic("positional argument after named arguments", at: token.pos)
        }
        arguments.append(Argument(label: nil, pos: token.pos, value: try parseExpression()))
      }
      if !accept(.comma) { break }
    }
    try expect(.rightParen, "to close the argument list")
    return arguments
  }

  /// `xs[i]`, `xs[a:b]`, `xs[:b]`, `xs[a:]`; the `[` has been consumed.
  mutating func parseIndex(_ base: Expr, open: SourcePos) throws -> Expr {
    var lower: Expr?
    if !check(.colon) { lower = try parseExpression() }
    if accept(.colon) {
      let upper = check(.rightBracket) ? nil : try parseExpression()
      try expect(.rightBracket, "to close the slice")
      return Expr(kind: .slice(base, lower: lower, upper: upper), pos: lower?.pos ?? open)
    }
    try expect(.rightBracket, "to close the index")
    guard let index = lower else { throw Diagnostic("expected an index", at: open) }
    return Expr(kind: .index(base, index), pos: index.pos)
  }

  mutating func parsePrimary() throws -> Expr {
    let token = current
    switch token.kind {
    case .number(let x):
      advance()
      return Expr(kind: .number(x), pos: token.pos)
    case .string(let pieces):
      advance()
      return try stringExpr(pieces, at: token.pos)
    case .identifier(let name):
      advance()
      return Expr(kind: .name(name), pos: token.pos)
    case .keyword(.true):
      advance()
      return Expr(kind: .bool(true), pos: token.pos)
    case .keyword(.false):
      advance()
      return Expr(kind: .bool(false), pos: token.pos)
    case .keyword(.none):
      advance()
      return Expr(kind: .none, pos: token.pos)
    case .symbol(.leftParen):
      advance()
      return try withNewlines(ignored: true) { parser in
        let inner = try parser.parseExpression()
        try parser.expect(.rightParen, "to close '(' at \(token.pos)")
        return inner
      }
    case .symbol(.leftBracket):
      advance()
      return try withNewlines(ignored: true) { parser in try parser.parseList(open: token.pos) }
    case .symbol(.leftBrace):
      advance()
      return try withNewlines(ignored: true) { parser in try parser.parseRecord(open: token.pos) }
    case .newline, .end:
      throw Diagnostic("expected an expression, found \(token.describe)", at: token.pos)
    case .keyword(let k):
      throw Diagnostic("expected an expression, found '\(k.rawValue)'", at: token.pos)
    case .symbol(let s):
      throw Diagnostic("expected an expression, found '\(s.rawValue)'", at: token.pos)
    }
  }

  /// A plain string, or a template when it has interpolations.
  mutating func stringExpr(_ pieces: [StringPiece], at pos: SourcePos) throws -> Expr {
    if pieces.count == 1, case .text(let text) = pieces[0] { return Expr(kind: .string(text), pos: pos) }
    var parts: [TemplatePart] = []
    for piece in pieces {
      switch piece {
      case .text(let text):
        parts.append(.text(text))
      case .interpolation(let tokens, let spec, let specPos):
        var inner = Parser(tokens: tokens)
        inner.nesting = nesting
        let expr = try inner.withNewlines(ignored: true) { parser in try parser.parseExpression() }
        if !inner.current.isEnd {
          throw Diagnostic("unexpected \(inner.current.describe) in interpolation", at: inner.current.pos)
        }
        parts.append(.value(expr, spec: try spec.map { try Lexer.checkSpec($0, at: specPos) }))
      }
    }
    return Expr(kind: .template(parts), pos: pos)
  }

  /// `[a, b]` or `[f(x) for x in xs if c]`; the `[` has been consumed.
  mutating func parseList(open: SourcePos) throws -> Expr {
    var elements: [Expr] = []
    if accept(.rightBracket) { return Expr(kind: .list([]), pos: open) }
    let first = try parseExpression()
    if check(.for) {
      var clauses: [ComprehensionClause] = []
      while true {
        if accept(.for) {
          let bindings = try parseBindings("after 'for'")
          guard accept(.in) else {
            throw Diagnostic("expected 'in' after the loop variable, found \(current.describe)", at: current.pos)
          }
          clauses.append(.loop(bindings, try parseOr()))
        } else if accept(.if) {
          clauses.append(.filter(try parseOr()))
        } else {
          break
        }
      }
      try expect(.rightBracket, "to close the comprehension opened at \(open)")
      return Expr(kind: .comprehension(element: first, clauses: clauses), pos: open)
    }
    elements.append(first)
    while accept(.comma) {
      if check(.rightBracket) { break }
      elements.append(try parseExpression())
    }
    try expect(.rightBracket, "to close the list opened at \(open)")
    return Expr(kind: .list(elements), pos: open)
  }

  /// `{a: 1, "b c": 2}`; the `{` has been consumed.
  mutating func parseRecord(open: SourcePos) throws -> Expr {
    var fields: [RecordField] = []
    while !check(.rightBrace) {
      let token = current
      let key: String
      switch token.kind {
      case .identifier(let name): key = name
      case .string(let pieces):
        guard pieces.count == 1, case .text(let text) = pieces[0] else {
          throw Diagnostic("a record key cannot be interpolated", at: token.pos)
        }
        key = text
      default:
        throw Diagnostic("expected a field name in the record, found \(token.describe)", at: token.pos)
      }
      advance()
      try expect(.colon, "after the field name '\(key)'")
      if fields.contains(where: { $0.key == key }) {
        throw Diagnostic("field '\(key)' appears twice in the record", at: token.pos)
      }
      fields.append(RecordField(key: key, pos: token.pos, value: try parseExpression()))
      if !accept(.comma) { break }
    }
    try expect(.rightBrace, "to close the record opened at \(open)")
    return Expr(kind: .record(fields), pos: open)
  }
}
