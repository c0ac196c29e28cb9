import Testing
import Bindings
@testable import Kernel

/// Bad programs, each with its exact position and message.
@Suite struct BadProgramTests {
  // Lexing.
  @Test func unterminatedString() { expectError("x = \"abc", at: "1:5", "unterminated string: add the closing '\"' on the same line") }
  @Test func strayCharacter() { expectError("x = 3 $ 4", at: "1:7", "unexpected character '$'") }
  @Test func malformedNumber() { expectError("x = 3x", at: "1:5", "invalid number '3x'") }
  @Test func unknownEscape() { expectError(#"x = "a\qb""#, at: "1:7", #"unknown escape '\q' (use \n \t \r \0 \\ \" \{ \} \u{...})"#) }
  @Test func singleClosingBrace() { expectError(#"x = "a}b""#, at: "1:7", "single '}' in a string; write '}}' for a brace") }
  @Test func badFormatSpec() { expectError(#"x = 1; y = "{x:.2q}""#, at: "1:16", "bad format '.2q': unknown format type 'q' (use f, e, g, %, d or s)") }
  @Test func whileIsNotInTheLanguage() {
    expectError("while true { }", at: "1:1", "'while' is not in the language; loop with 'for x in xs' or 'for i in 0..<n'")
  }
  @Test func cStyleOperators() { expectError("a = true && false", at: "1:10", "unexpected '&&'; write 'and'") }

  // Parsing.
  @Test func unclosedParenthesis() { expectError("x = (1 + 2\ny = 3", at: "2:1", "expected ')' to close '(' at 1:5, found 'y'") }
  @Test func unclosedBlock() { expectError("for i in xs {\n  print(i)\n", at: "3:1", "missing '}' to close the block opened at 1:13") }
  @Test func missingExpression() { expectError("x = ", at: "1:5", "expected an expression, found end of cell") }
  @Test func twoExpressionsOnALine() { expectError("x = 1 2", at: "1:7", "expected end of statement, found a number") }
  @Test func chainedComparison() { expectError("ok = 1 < x < 3", at: "1:12", "comparisons cannot be chained; write 'a < b and b < c'") }
  @Test func positionalAfterNamed() { expectError("f(a: 1, 2)", at: "1:9", "positional argument after named arguments") }
  @Test func badAssignmentTarget() {
    expectError("f(x) = 3", at: "1:1", "cannot assign to this expression; the left of '=' must be a name, a member or an index")
  }
  @Test func reservedWordAsName() { expectError("for in in xs { }", at: "1:5", "'in' is a reserved word and cannot be used after 'for'") }
  @Test func duplicateRecordField() { expectError("r = {a: 1, a: 2}", at: "1:12", "field 'a' appears twice in the record") }
  @Test func breakOutsideLoop() { expectError("x = 1\nbreak", at: "2:1", "'break' outside a loop") }
  @Test func returnOutsideFunction() { expectError("return 3", at: "1:1", "'return' outside a function") }

  // Names and arguments, with suggestions.
  @Test func unknownVariableSuggestsNearest() { expectError("epochs = 3\nprint(epoch)", at: "2:7", "unknown variable 'epoch'; did you mean 'epochs'?") }
  @Test func unknownBuiltinSuggestsNearest() { expectError("x = 1\nprnt(x)", at: "2:1", "unknown function 'prnt'; did you mean 'print'?") }
  @Test func unknownNamedArgumentOfFunction() {
    expectError("fn train(net, epochs: 1) { return net }\ntrain(1, epoch: 3)", at: "2:10", "train(): no argument 'epoch'; did you mean 'epochs'?")
  }
  @Test func unknownNamedArgumentOfBuiltin() { expectError("round(2.5, digts: 1)", at: "1:12", "round(): no argument 'digts'; did you mean 'digits'?") }
  @Test func unknownRecordField() { expectError("r = {loss: 1}\nr.los", at: "2:3", "record has no field 'los'; did you mean 'loss'?") }
  @Test func unknownMemberOfObject() { expectError("t = table([{a: 1}])\nt.colums", at: "2:3", "Table has no member 'colums'; did you mean 'columns'?") }
  @Test func missingArgument() { expectError("fn f(a, b) { return a }\nf(1)", at: "2:1", "f(): missing argument 'b'") }
  @Test func tooManyArguments() { expectError("len([1], [2])", at: "1:10", "len() takes 1 argument but 2 were given") }
  @Test func argumentTypeOfBuiltin() { expectError(#"round("a")"#, at: "1:7", "round(): argument 'x' must be a number, got string") }
  @Test func integerArgument() { expectError("round(1.25, digits: 1.5)", at: "1:13", "round(): argument 'digits' must be an integer, got 1.5") }
  @Test func localUsedBeforeAssignment() {
    expectError("x = 1\nfn f() {\n  y = x\n  x = 2\n}\nf()", at: "3:7", "variable 'x' is used before it is assigned")
  }

  // Types and values.
  @Test func addStringAndNumber() { expectError(#"x = "a" + 1"#, at: "1:9", "cannot add string and number") }
  @Test func compareListAndNumber() { expectError("x = [1] < 2", at: "1:9", "cannot compare list and number") }
  @Test func negateString() { expectError(#"x = -"a""#, at: "1:5", "cannot negate string") }
  @Test func conditionMustBeBool() { expectError("if 1 { }", at: "1:4", "an 'if' condition must be true or false, got number") }
  @Test func andNeedsBools() { expectError("x = 1 and true", at: "1:5", "the left operand of 'and' must be true or false, got number") }
  @Test func callANumber() { expectError("x = 3\nx(1)", at: "2:1", "cannot call a number") }
  @Test func indexOutOfRange() { expectError("xs = [1, 2, 3]\nxs[5]", at: "2:4", "index 5 out of range for a list of 3 elements") }
  @Test func negativeIndexOutOfRange() { expectError("xs = [1]\nxs[-2]", at: "2:4", "index -2 out of range for a list of 1 element") }
  @Test func fractionalIndex() { expectError("xs = [1]\nxs[0.5]", at: "2:4", "list index must be a whole number, got 0.5") }
  @Test func loopOverRecord() { expectError("for k in {a: 1} { }", at: "1:10", "cannot loop over a record; loop over keys(r), values(r) or items(r)") }
  @Test func unpackMismatch() { expectError("for a, b in [[1, 2], [3]] { }", at: "1:5", "cannot unpack a list of 1 into 2 names (a, b)") }
  @Test func listHasNoCount() { expectError("xs = [1]\nxs.count", at: "2:4", "list has no member 'count'; use len(x)") }

  // Division by zero is an error, not inf: a silent inf would spread through a report's tables.
  @Test func divisionByZero() { expectError("x = 1 / 0", at: "1:7", "division by zero") }
  @Test func moduloByZero() { expectError("x = 5 % 0", at: "1:7", "modulo by zero") }
  @Test func logOfZero() { expectError("log(0)", at: "1:1", "log(): argument 'x' must be positive, got 0") }

  // Errors inside functions point into the function, even from a later cell.
  @Test func errorInsideFunctionCalledFromLaterCell() {
    let session = Session(file: "nb.md")
    _ = session.run("fn f(x) {\n  return x / 0\n}", line: 10, column: 1)
    let result = session.run("y = 1\nf(y)", line: 20)
    #expect(result.error?.location?.line == 11)
    #expect(result.error?.location?.column == 12)
    #expect(result.error?.sourceLine == "  return x / 0")
  }

  @Test func builtinErrorsPointAtTheCall() {
    expectError(#"x = 1\ny = format(x, ".2q")"#.replacingOccurrences(of: "\\n", with: "\n"), at: "2:5",
                "bad format '.2q': unknown format type 'q' (use f, e, g, %, d or s)")
    expectError("assert(1 > 2, message: \"one is not above two\")", at: "1:1", "one is not above two")
  }
}
