import Charts
import Testing
import Bindings
@testable import Kernel

@Suite struct DisplayTests {
  @Test func lastExpressionIsDisplayedUnlessNone() {
    #expect(texts(run("x = 2\nx * 21")) == ["42"])
    #expect(run("x = 2").outputs.isEmpty)
    #expect(run("print(\"a\")").outputs.count == 1)  // print returns none: nothing more
    #expect(run("none").outputs.isEmpty)
    #expect(texts(run("\"text\"")) == ["text"])
  }

  @Test func onlyTheLastStatementIsDisplayed() {
    #expect(texts(run("1\n2\n3")) == ["3"])
    #expect(texts(run("x = 1\nif true { x }")).isEmpty)
  }

  @Test func printsJoinIntoOneTextBlockUntilSomethingElseIsShown() {
    let result = run("print(1)\nprint(\"a\", 2, sep: \"-\")\nshow(table([{a: 1}]))\nprint(3)\n4")
    #expect(result.outputs.count == 4)
    #expect(texts(result) == ["1\na-2", "3", "4"])
    guard case .table(let table) = result.outputs[1] else {
      Issue.record("expected a table")
      return
    }
    #expect(table.columns == ["a"])
  }

  @Test func outputsBeforeAnErrorAreKept() {
    let result = run("print(\"before\")\nx = 1 / 0\nprint(\"after\")")
    #expect(texts(result) == ["before"])
    #expect(result.error?.message == "division by zero")
  }

  @Test func hostileStringsStayPlainData() {
    let hostile = #"<script>alert("x")</script> & </table> {{}}"#
    let result = run("s = \(Value.quoted(hostile))\nprint(s)\ntable([{html: s}], caption: s)")
    #expect(texts(result).first == hostile)
    guard case .table(let table)? = result.outputs.last else {
      Issue.record("expected a table")
      return
    }
    #expect(table.rows[0][0].text == hostile)
    #expect(table.caption == hostile)
  }

  @Test func renderedErrorsAreRustcStyle() {
    let session = Session(file: "notebooks/x.md")
    let result = session.run("a = 1\nb = a + \"s\"", line: 40, column: 3)
    #expect(result.error?.rendered == """
      notebooks/x.md:41:9: error: cannot add number and string
         |
      41 |   b = a + "s"
         |         ^
      """)
  }
}
