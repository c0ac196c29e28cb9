import Testing
@testable import Kernel

/// A compact rendering of expressions to check precedence and structure.
private func shape(_ expr: Expr) -> String {
  switch expr.kind {
  case .number(let x): return NumberFormatting.plain(x)
  case .string(let s): return Value.quoted(s)
  case .template(let parts): return "tpl(\(parts.count))"
  case .bool(let b): return String(b)
  case .none: return "none"
  case .name(let n): return n
  case .list(let items): return "[" + items.map(shape).joined(separator: ",") + "]"
  case .record(let fields): return "{" + fields.map { "\($0.key):\(shape($0.value))" }.joined(separator: ",") + "}"
  case .comprehension(let element, let clauses): return "comp(\(shape(element)),\(clauses.count))"
  case .member(let base, let name): return "\(shape(base)).\(name)"
  case .index(let base, let index): return "\(shape(base))[\(shape(index))]"
  case .slice(let base, let lo, let hi): return "\(shape(base))[\(lo.map(shape) ?? ""):\(hi.map(shape) ?? "")]"
  case .call(let callee, let args):
    return "\(shape(callee))(" + args.map { ($0.label.map { "\($0): " } ?? "") + shape($0.value) }.joined(separator: ",") + ")"
  case .negate(let e): return "(-\(shape(e)))"
  case .binary(let op, let l, let r): return "(\(shape(l)) \(op.rawValue) \(shape(r)))"
  case .and(let l, let r): return "(\(shape(l)) and \(shape(r)))"
  case .or(let l, let r): return "(\(shape(l)) or \(shape(r)))"
  case .not(let e): return "(not \(shape(e)))"
  case .range(let l, let r, let inclusive): return "(\(shape(l))\(inclusive ? "..." : "..<")\(shape(r)))"
  }
}

private func parseExpr(_ source: String) throws -> String {
  let statements = try Parser.parse(source, line: 1, column: 1)
  guard statements.count == 1, case .expression(let expr) = statements[0].kind else { return "<not one expression>" }
  return shape(expr)
}

private func statementKinds(_ source: String) throws -> [String] {
  try Parser.parse(source, line: 1, column: 1).map { statement in
    switch statement.kind {
    case .expression: "expr"
    case .assign: "assign"
    case .compoundAssign: "compound"
    case .forIn: "for"
    case .ifElse(let branches, let otherwise): "if\(branches.count)\(otherwise == nil ? "" : "+else")"
    case .function(let decl): "fn:\(decl.name)/\(decl.parameters.count)"
    case .return: "return"
    case .break: "break"
    case .continue: "continue"
    }
  }
}

@Suite struct ParserTests {
  @Test func precedence() throws {
    #expect(try parseExpr("1 + 2 * 3") == "(1 + (2 * 3))")
    #expect(try parseExpr("-2 ** 2") == "(-(2 ** 2))")
    #expect(try parseExpr("2 ** 3 ** 2") == "(2 ** (3 ** 2))")
    #expect(try parseExpr("a or b and not c == d") == "(a or (b and (not (c == d))))")
    #expect(try parseExpr("0..<n + 1") == "(0..<(n + 1))")
    #expect(try parseExpr("x not in xs") == "(x not in xs)")
    #expect(try parseExpr("-3") == "-3")
  }

  @Test func postfixChains() throws {
    #expect(try parseExpr("net.layers[0].f(x, k: 2)") == "net.layers[0].f(x,k: 2)")
    #expect(try parseExpr("xs[1:]") == "xs[1:]")
    #expect(try parseExpr("xs[:-1]") == "xs[:-1]")
  }

  @Test func literals() throws {
    #expect(try parseExpr(#"{a: 1, "b c": [true, none]}"#) == #"{a:1,b c:[true,none]}"#)
    #expect(try parseExpr("[x * 2 for x in xs if x > 0]") == "comp((x * 2),3)".replacingOccurrences(of: "3", with: "2"))
    #expect(try parseExpr(#""a {b} c""#) == "tpl(3)")
  }

  @Test func newlinesInsideBracketsAndAfterOperators() throws {
    #expect(try parseExpr("f(\n  a,\n  b: [1,\n 2],\n)") == "f(a,b: [1,2])")
    #expect(try parseExpr("{\n a: 1,\n b: 2\n}") == "{a:1,b:2}")
    #expect(try parseExpr("1 +\n 2") == "(1 + 2)")
  }

  @Test func statements() throws {
    #expect(try statementKinds("x = 1; y += 2\nf(x)") == ["assign", "compound", "expr"])
    #expect(try statementKinds("for i in 0..<3 {\n continue\n}") == ["for"])
    #expect(try statementKinds("if a { } else if b { } else { }") == ["if2+else"])
    #expect(try statementKinds("if a {\n}\nelse {\n}") == ["if1+else"])
    #expect(try statementKinds("fn f(a, b: 2) {\n return a + b\n}") == ["fn:f/2"])
    #expect(try statementKinds("r.a[0] = 1") == ["assign"])
  }

  @Test func astPositionsAreNotebookPositions() throws {
    let statements = try Parser.parse("x = 1\ny = a + b", line: 10, column: 3)
    #expect(statements[1].pos == SourcePos(line: 11, column: 3))
    guard case .assign(let target, let value) = statements[1].kind else {
      Issue.record("not an assignment")
      return
    }
    #expect(target.pos == SourcePos(line: 11, column: 3))
    #expect(value.pos == SourcePos(line: 11, column: 9))
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
    expectError(deep, at: "1:101", "code nested too deeply (more than 100 levels)")
  }

  /// A left-associative chain builds a tree as deep as it is long; 100,000 terms crashed.
  @Test func longOperatorChainsAreAnErrorNotACrash() {
    let message = "expression too long (more than 1000 chained operators); split it with intermediate names"
    // `1 + 1 + ...`: the k-th `+` is at column 4k - 1; the 1000th is one too many (the
    // expression itself is a level).
    expectError(Array(repeating: "1", count: 100_000).joined(separator: " + "), at: "1:3999", message)
    expectError(Array(repeating: "x", count: 5_000).joined(separator: " and "), at: "1:5997", message)
    expectError("x = 0\ny = x" + String(repeating: ".a", count: 5_000), at: "2:2004", message)
    expectError("f" + String(repeating: "()", count: 5_000), at: "1:2000", message)
    // Just under the limit it parses, compiles and runs.
    #expect(output(Array(repeating: "1", count: 999).joined(separator: " + ")) == "999")
  }
}
