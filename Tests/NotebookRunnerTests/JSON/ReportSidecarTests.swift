import Foundation
import Kernel
import Testing
@testable import NotebookRunner

@Suite struct ReportSidecarTests {
  @Test func tablesKeepRawNumbersAndTheirLabels() throws {
    let notebook = try parse("```lab\n#| label: tbl-t\n#| caption: Numbers\nx\n```\n", path: "n.md")
    let table = TableDisplay(
      columns: ["name", "energy (pJ)"],
      rows: [
        [TableCell(text: "int8 add"), TableCell(text: "0.03", number: 0.03)],
        [TableCell(text: "broken"), TableCell(text: "nan", number: .nan)],
        [TableCell(text: "big"), TableCell(text: "1.0e20", number: 1e20)],
      ])
    let run = NotebookRun(
      notebook: notebook, parameters: Record([("bits", .number(8))]),
      cells: [CellRun(cell: notebook.cells[0], status: .ok, outputs: [.text("x"), .table(table)])],
      startedAt: testDate, duration: 2)
    let json = ReportRenderer(chartSVG: fakeChartSVG).render(run).json
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let tables = try #require(object["tables"] as? [[String: Any]])
    #expect(tables.count == 1)
    #expect(tables[0]["label"] as? String == "tbl-t")
    #expect(tables[0]["caption"] as? String == "Numbers")
    #expect(tables[0]["columns"] as? [String] == ["name", "energy (pJ)"])
    let rows = try #require(tables[0]["rows"] as? [[Any]])
    #expect((rows[0][1] as? NSNumber)?.doubleValue == 0.03)
    #expect(rows[1][1] as? String == "NaN")
    #expect((rows[2][1] as? NSNumber)?.doubleValue == 1e20)
    #expect((object["parameters"] as? [String: Any])?["bits"] as? Int == 8)
    #expect(!json.contains("2025"), "no dates in the sidecar, so runs diff cleanly")
  }

  @Test func serializationIsDeterministicAndOrdered() {
    let value = JSONValue.object([("b", .array([.number(1), .string("x\n\"<")])), ("a", .object([("z", .null)]))])
    #expect(value.serialized() == "{\n  \"b\": [1, \"x\\n\\\"\\u003c\"],\n  \"a\": {\n    \"z\": null\n  }\n}")
  }
}
