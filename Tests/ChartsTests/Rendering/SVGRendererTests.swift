import Testing
import Foundation
@testable import Charts

@Suite struct SVGRendererTests {
  /// A spec that went through JSON (the report's data file) draws, byte for byte, the golden
  /// SVG another process recorded (`Snapshots/`): rendering depends on nothing but the spec.
  @Test(arguments: Fixtures.snapshots.map(\.name))
  func renderingAfterJSONMatchesTheGoldenFile(name: String) throws {
    let spec = try #require(Fixtures.snapshots.first { $0.name == name }).spec
    let encoder = JSONEncoder()
    let decoder = JSONDecoder()
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let decoded = try decoder.decode(ChartSpec.self, from: encoder.encode(spec))
    let golden = try String(contentsOf: SnapshotTests.folder.appendingPathComponent(name + ".svg"), encoding: .utf8)
    #expect(SVGRenderer.render(decoded, id: name) == golden, "\(name): the JSON round trip draws another chart")
  }

  @Test(arguments: Fixtures.snapshots.map(\.name))
  func everyChartIsWellFormedAndAccessible(name: String) throws {
    let spec = try #require(Fixtures.snapshots.first { $0.name == name }).spec
    let svg = SVGRenderer.render(spec, id: "fig-\(name)")
    let check = XMLCheck(svg)
    #expect(check.isWellFormed, "\(check.error ?? "")")
    #expect(check.root == "svg")
    #expect(check.rootAttributes["xmlns"] == "http://www.w3.org/2000/svg")
    #expect(check.rootAttributes["role"] == "img")
    #expect(check.rootAttributes["aria-labelledby"] == "fig-\(name)-title fig-\(name)-desc")
    #expect(check.rootAttributes["viewBox"] == "0 0 \(Int(spec.width)) \(Int(spec.height))")
    #expect(svg.contains("<title id=\"fig-\(name)-title\">"))
    #expect(svg.contains("<desc id=\"fig-\(name)-desc\">"))
  }

  @Test func idsArePrefixedAndUnique() {
    let svg = SVGRenderer.render(Fixtures.heatmap, id: "a") + SVGRenderer.render(Fixtures.line, id: "b")
    let ids = XMLCheck("<page>" + svg + "</page>").ids
    #expect(!ids.isEmpty)
    #expect(Set(ids).count == ids.count)
    #expect(ids.allSatisfy { $0 == "a" || $0 == "b" || $0.hasPrefix("a-") || $0.hasPrefix("b-") })
    // References use the prefixed ids too.
    #expect(svg.contains("url(#a-scale)") && svg.contains("url(#b-plot)"))
  }

  @Test func hostileIdIsSanitised() {
    let svg = SVGRenderer.render(Fixtures.line, id: "\"><script>")
    #expect(XMLCheck(svg).isWellFormed)
    #expect(!svg.contains("<script>"))
  }

  @Test func hostileTextIsEscaped() {
    let hostile = "<script>alert(1)</script> & \"quotes\""
    let specs = [
      ChartSpec(kind: .line, title: hostile, xLabel: hostile, yLabel: hostile, series: [.init(name: hostile, y: [1, 2]), .init(name: "b", y: [2, 1])]),
      ChartSpec(kind: .bar, title: hostile, series: [.init(name: hostile, y: [1, 2])], categories: [hostile, "&"]),
      ChartSpec(kind: .histogram, series: [.init(name: hostile, y: [1, 2, 3]), .init(name: hostile, y: [2])]),
      ChartSpec(kind: .heatmap, title: hostile, grid: .init(values: [[1, 2], [3, 4]], rowLabels: [hostile, "x"], columnLabels: ["&", hostile])),
    ]
    for spec in specs {
      let svg = SVGRenderer.render(spec)
      let check = XMLCheck(svg)
      #expect(check.isWellFormed, "\(spec.kind): \(check.error ?? "")")
      #expect(!svg.contains("<script"), "\(spec.kind)")
      #expect(svg.contains("&lt;script&gt;"), "\(spec.kind)")
      #expect(!svg.contains("& "), "\(spec.kind): unescaped ampersand")
    }
  }

  @Test func controlCharactersStayWellFormed() {
    let spec = ChartSpec(kind: .bar, title: "bell\u{7} nul\u{0}", series: [.init(name: "\u{1B}[31mred", y: [1])], categories: ["\u{FFFF}"])
    #expect(XMLCheck(SVGRenderer.render(spec)).isWellFormed)
  }

  static let edgeCases: [(String, ChartSpec)] = {
    var cases: [(String, ChartSpec)] = []
    for kind in [ChartSpec.Kind.line, .scatter, .bar, .histogram] {
      cases.append(("\(kind) without series", ChartSpec(kind: kind)))
      cases.append(("\(kind) with empty series", ChartSpec(kind: kind, series: [.init(name: "", y: []), .init(name: "b", y: [])])))
      cases.append(("\(kind) with one point", ChartSpec(kind: kind, series: [.init(name: "a", x: [3], y: [7])])))
      cases.append(("\(kind) all equal", ChartSpec(kind: kind, series: [.init(name: "a", y: [2, 2, 2, 2])])))
      cases.append(("\(kind) all zero log", ChartSpec(kind: kind, xScale: .log, yScale: .log, series: [.init(name: "a", y: [0, 0, 0])])))
      cases.append(("\(kind) only NaN", ChartSpec(kind: kind, series: [.init(name: "a", x: [.nan, 1], y: [.nan, .infinity])])))
      cases.append(("\(kind) mixed non-finite", ChartSpec(kind: kind, series: [.init(name: "a", y: [1, .nan, 3, -.infinity, 5, .infinity])])))
      cases.append(("\(kind) huge", ChartSpec(kind: kind, series: [.init(name: "a", y: [-.greatestFiniteMagnitude, .greatestFiniteMagnitude, 0])])))
      cases.append(("\(kind) tiny", ChartSpec(kind: kind, series: [.init(name: "a", y: [.leastNonzeroMagnitude, 2 * .leastNonzeroMagnitude])])))
      cases.append(("\(kind) mismatched x", ChartSpec(kind: kind, series: [.init(name: "a", x: [1, 2, 3, 4, 5], y: [1, 2])])))
      cases.append(("\(kind) many series", ChartSpec(kind: kind, series: (0..<40).map { .init(name: "series number \($0)", y: [Double($0), Double($0 + 1)]) })))
      cases.append(("\(kind) tiny canvas", ChartSpec(kind: kind, title: "t", xLabel: "x", yLabel: "y", series: [.init(name: "a", y: [1, 2]), .init(name: "b", y: [2, 3])], width: 0, height: -5)))
      cases.append(("\(kind) NaN canvas", ChartSpec(kind: kind, series: [.init(name: "a", y: [1, 2])], width: .nan, height: .infinity)))
    }
    cases.append(("bar many categories", ChartSpec(kind: .bar, series: [.init(name: "a", y: (0..<300).map(Double.init))], categories: (0..<300).map { "category \($0)" })))
    cases.append(("bar more values than categories", ChartSpec(kind: .bar, series: [.init(name: "a", y: [1, 2, 3])], categories: ["one"])))
    cases.append(("histogram zero bins", ChartSpec(kind: .histogram, series: [.init(name: "a", y: [1, 2, 3])], bins: 0)))
    cases.append(("histogram huge bins", ChartSpec(kind: .histogram, series: [.init(name: "a", y: [1, 2, 3])], bins: Int.max)))
    cases.append(("heatmap nil", ChartSpec(kind: .heatmap)))
    cases.append(("heatmap empty rows", ChartSpec(kind: .heatmap, grid: .init(values: [[], []]))))
    cases.append(("heatmap ragged", ChartSpec(kind: .heatmap, grid: .init(values: [[1], [1, 2, 3], []], rowLabels: ["a"], columnLabels: ["x", "y", "z", "extra"]))))
    cases.append(("heatmap NaN only", ChartSpec(kind: .heatmap, grid: .init(values: [[.nan, .infinity]]))))
    cases.append(("heatmap all equal", ChartSpec(kind: .heatmap, grid: .init(values: [[4, 4], [4, 4]]))))
    cases.append(("heatmap large", ChartSpec(kind: .heatmap, grid: .init(values: (0..<120).map { r in (0..<90).map { Double(r * $0) } }))))
    return cases
  }()

  @Test(arguments: edgeCases.map(\.0))
  func edgeCasesGiveReadableCharts(name: String) throws {
    let spec = try #require(Self.edgeCases.first { $0.0 == name }).1
    let svg = SVGRenderer.render(spec)
    let check = XMLCheck(svg)
    #expect(check.isWellFormed, "\(name): \(check.error ?? "")")
    let attributes = check.attributeValues.map { $0.lowercased() }
    #expect(!attributes.contains { $0.contains("nan") || $0.contains("inf") }, "\(name): non-finite number written")
    #expect(!TextSummary.summarize(spec).isEmpty)
  }

  @Test func emptyChartsSayNoData() {
    let svg = SVGRenderer.render(ChartSpec(kind: .line, series: [.init(name: "a", y: [.nan])]))
    #expect(svg.contains(">No data</text>"))
    #expect(svg.contains("with no data"))
  }

  @Test func nonFiniteValuesAreCountedInTheDescription() {
    let spec = ChartSpec(kind: .line, series: [.init(name: "a", y: [1, .nan, 3, .infinity])])
    let svg = SVGRenderer.render(spec)
    #expect(svg.contains("2 NaN or infinite values are not shown"))
    // The line breaks at the gap instead of joining across it: two one-point pieces, two markers.
    #expect(!svg.contains("<polyline"))
    #expect(svg.components(separatedBy: "<circle").count - 1 == 2)
  }

  @Test func logFallbackIsNotedOnTheChart() {
    let spec = ChartSpec(kind: .line, yLabel: "gain", yScale: .log, series: [.init(name: "a", y: [-1, 10, 100])])
    let texts = XMLCheck(SVGRenderer.render(spec)).texts
    #expect(texts.contains { $0.hasPrefix("Note: gain has values ≤ 0") })
  }

  @Test func logAxisHasPowerOfTenLabels() {
    let texts = XMLCheck(SVGRenderer.render(Fixtures.logLine)).texts
    for label in ["10k", "100k", "1M", "10M"] {
      #expect(texts.contains(label), "missing \(label) in \(texts)")
    }
  }

  @Test func legendOnlyWithSeveralSeries() {
    let one = SVGRenderer.render(ChartSpec(kind: .line, series: [.init(name: "alone-series", y: [1, 2])]))
    let two = SVGRenderer.render(ChartSpec(kind: .line, series: [.init(name: "first-series", y: [1, 2]), .init(name: "second-series", y: [2, 1])]))
    #expect(!XMLCheck(one).texts.contains("alone-series"))
    #expect(XMLCheck(two).texts.contains("first-series") && XMLCheck(two).texts.contains("second-series"))
  }

  @Test func longLabelsAreTruncated() {
    let name = String(repeating: "very long name ", count: 20)
    let svg = SVGRenderer.render(ChartSpec(kind: .bar, title: name, series: [.init(name: "a", y: [1, 2])], categories: [name, "b"]))
    // The drawn title and the category label are cut; the <title> element keeps the full text.
    let texts = XMLCheck(svg).texts.filter { $0.hasPrefix("very long") }
    #expect(texts.filter { $0.hasSuffix("…") }.count == 2)
    #expect(texts.contains(name.trimmingCharacters(in: .whitespaces)))
  }

  @Test func manyCategoriesAreRotated() {
    let spec = ChartSpec(kind: .bar, series: [.init(name: "a", y: (0..<30).map(Double.init))], categories: (0..<30).map { "layer \($0)" })
    #expect(SVGRenderer.render(spec).contains("rotate(-45"))
    let few = ChartSpec(kind: .bar, series: [.init(name: "a", y: [1, 2])], categories: ["x", "y"])
    #expect(!SVGRenderer.render(few).contains("rotate(-45"))
  }

  @Test func coordinatesHaveAtMostTwoDecimals() {
    let svg = SVGRenderer.render(Fixtures.scatter)
    // The longest run of digits after a decimal point (gradient offsets aside, none here).
    var longest = 0
    var run = 0
    var afterPoint = false
    for character in svg {
      if character == "." {
        afterPoint = true
        run = 0
      } else if afterPoint && character.isASCII && character.isNumber {
        run += 1
        longest = max(longest, run)
      } else {
        afterPoint = false
      }
    }
    #expect(longest == 2)
  }
}
