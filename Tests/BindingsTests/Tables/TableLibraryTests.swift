import Testing
@testable import Bindings
@testable import Kernel

private func table(_ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> TableDisplay? {
  let result = run(source)
  #expect(result.error == nil, "\(result.error?.rendered ?? "")", sourceLocation: sourceLocation)
  for item in result.outputs { if case .table(let table) = item { return table } }
  Issue.record("no table output", sourceLocation: sourceLocation)
  return nil
}

@Suite struct TableLibraryTests {
  @Test func fromListOfRecordsWithFormats() throws {
    let t = try #require(table(#"table([{model: "a", accuracy: 0.91234, params: 1200}, {model: "b", accuracy: 0.5, params: 3}], caption: "Results", formats: {accuracy: ".1%", params: ","})"#))
    #expect(t.columns == ["model", "accuracy", "params"])
    #expect(t.rows.map { $0.map(\.text) } == [["a", "91.2%", "1,200"], ["b", "50.0%", "3"]])
    #expect(t.rows[0][1].number == 0.91234)
    #expect(t.rows[0][0].number == nil)
    #expect(t.caption == "Results")
  }

  @Test func fromRecordOfColumns() throws {
    let t = try #require(table("table({sigma: [0, 0.1], acc: [0.9, 0.85]})"))
    #expect(t.columns == ["sigma", "acc"])
    #expect(t.rows.map { $0.map(\.text) } == [["0", "0.9"], ["0.1", "0.85"]])
  }

  @Test func missingFieldsAreEmptyAndIntegersHaveNoFraction() throws {
    let t = try #require(table("table([{a: 1, b: 2}, {a: 3.0, c: true}])"))
    #expect(t.columns == ["a", "b", "c"])
    #expect(t.rows.map { $0.map(\.text) } == [["1", "2", ""], ["3", "", "true"]])
  }

  @Test func columnSelectionAndMembers() throws {
    let t = try #require(table(#"table([{a: 1, b: 2}], columns: ["b"])"#))
    #expect(t.columns == ["b"])
    #expect(output("t = table([{a: 1}, {a: 2}])\nprint(t.count, t.columns, t.rows[1].a, len(t), t)") == "2 [\"a\"] 2 2 <Table 2 rows: a>")
    #expect(output("t = table([{a: 1}, {a: 2}])\nsum([r.a for r in t])") == "3")
  }

  @Test func errors() {
    expectError("table({a: [1, 2], b: [1]})", at: "1:1", "table(): column 'b' has 1 values but 'a' has 2")
    expectError(#"table([{accuracy: 1}], formats: {acuracy: ".2f"})"#, at: "1:1", "table(): formats names no column 'acuracy'; did you mean 'accuracy'?")
    expectError(#"table([{a: "x"}], formats: {a: ".2f"})"#, at: "1:1", "table(): bad format '.2f': format type 'f' needs a number, got string")
    expectError("table([1, 2])", at: "1:7", "table(): argument 'data' must be rows (records or columns), got list")
  }
}
