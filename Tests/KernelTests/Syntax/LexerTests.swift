import Testing
@testable import Kernel

@Suite struct LexerTests {
  @Test func numbersInAllTheirForms() throws {
    #expect(try tokens("42 2.5 1e-5 1_000 1E3 25%") == ["num:42", "num:2.5", "num:1e-5", "num:1000", "num:1000", "num:0.25", "END"])
  }

  @Test func percentSuffixVersusModulo() throws {
    #expect(try tokens("10%3") == ["num:10", "%", "num:3", "END"])
    #expect(try tokens("10 % x") == ["num:10", "%", "id:x", "END"])
    #expect(try tokens("x > 90%)") == ["id:x", ">", "num:0.9", ")", "END"])
    #expect(try tokens("50%, 5") == ["num:0.5", ",", "num:5", "END"])
  }

  @Test func rangesAreNotDecimalPoints() throws {
    #expect(try tokens("0..<10") == ["num:0", "..<", "num:10", "END"])
    #expect(try tokens("1...3") == ["num:1", "...", "num:3", "END"])
  }

  @Test func keywordsOperatorsAndNewlines() throws {
    #expect(
      try tokens("fn f(a) {\n return a ** 2 != 1 and not b\n}") == [
        "kw:fn", "id:f", "(", "id:a", ")", "{", "NL", "kw:return", "id:a", "**", "num:2", "!=", "num:1", "kw:and",
        "kw:not", "id:b", "NL", "}", "END",
      ])
    #expect(try tokens("x += 1; y -= 2") == ["id:x", "+=", "num:1", ";", "id:y", "-=", "num:2", "END"])
  }

  @Test func commentsAndCellOptionsAreSkipped() throws {
    #expect(try tokens("#| label: fig-x\nx = 1 # note\n") == ["NL", "id:x", "=", "num:1", "NL", "END"])
  }

  @Test func tokensCarryNotebookPositions() throws {
    var lexer = Lexer("a\n  bb = 3", line: 41, column: 5)
    let all = try lexer.tokenize()
    #expect(all[0].pos == SourcePos(line: 41, column: 5))
    #expect(all[2].pos == SourcePos(line: 42, column: 7))
    #expect(all[4].pos == SourcePos(line: 42, column: 12))
  }

  @Test func stringEscapesAndInterpolation() throws {
    var lexer = Lexer(#""a\tb\n\"q\" \u{263A} {{x}} {y:.2f} end""#, line: 1, column: 1)
    let all = try lexer.tokenize()
    guard case .string(let pieces) = all[0].kind else {
      Issue.record("not a string")
      return
    }
    #expect(pieces.count == 3)
    if case .text(let text) = pieces[0] {
      #expect(text == "a\tb\n\"q\" \u{263A} {x} ")
    } else {
      Issue.record("the first piece is not text: \(pieces[0])")
    }
    if case .interpolation(let inner, let spec, let specPos) = pieces[1] {
      #expect(inner.count == 2)
      #expect(inner[0].pos == SourcePos(line: 1, column: 30))
      #expect(spec == ".2f")
      #expect(specPos == SourcePos(line: 1, column: 32))
    } else {
      Issue.record("no interpolation")
    }
  }

  @Test func interpolationMayHoldBracesColonsAndStrings() throws {
    #expect(output(#"r = {a: 1, "b:c": 2}; print("{r["b:c"]} {[x for x in [1, 2]]} {f"#
      + #"ormat(3, "d")}")"#) == "2 [1, 2] 3")
  }
}
