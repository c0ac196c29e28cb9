import Testing
@testable import Bindings
@testable import Kernel

@Suite struct ReferenceTests {
  @Test func mentionsEveryBuiltinConstantAndType() {
    let registry = BuiltinRegistry.standard()
    let markdown = registry.referenceMarkdown()
    #expect(markdown.hasPrefix("# The `lab` language reference"))
    #expect(markdown.contains("## Syntax"))
    for builtin in registry.builtins {
      #expect(markdown.contains("### `\(builtin.name)("), "missing \(builtin.name)")
      #expect(markdown.contains(builtin.doc))
    }
    for constant in registry.constants { #expect(markdown.contains("`\(constant.name)`")) }
    for type in registry.types { #expect(markdown.contains("### \(type.name) objects")) }
  }

  @Test func signaturesShowTypesAndDefaults() {
    let registry = BuiltinRegistry.standard()
    #expect(registry.builtin(named: "round")?.signature == "round(x: number, digits: int = 0) -> number")
    #expect(registry.builtin(named: "print")?.signature == #"print(values: any..., sep: string = " ") -> none"#)
    #expect(registry.builtin(named: "table")?.signature
      == "table(data: rows, caption: string = none, formats: record = {}, columns: list[string] = none) -> Table")
  }

  @Test func categoriesAppearInOrderWithTheirIntroductions() {
    let markdown = BuiltinRegistry.standard().referenceMarkdown()
    let order = ["## Core", "## Math", "## Random", "## Tables", "## Charts"].compactMap { markdown.range(of: $0)?.lowerBound }
    #expect(order.count == 5)
    #expect(order == order.sorted())
    #expect(markdown.contains("Every random number comes from an explicit seed"))
  }

  @Test func theStandardLibraryIsComplete() {
    let names = Set(BuiltinRegistry.standard().builtins.map(\.name))
    let expected = [
      "print", "show", "len", "range", "sum", "min", "max", "mean", "std", "round", "sort", "zip", "keys", "values",
      "enumerate", "str", "format", "abs", "exp", "log", "log2", "log10", "sqrt", "pow", "floor", "ceil", "random",
      "random_normal", "random_uniform", "table", "line_chart", "bar_chart", "histogram", "scatter", "heatmap",
    ]
    for name in expected { #expect(names.contains(name), "missing \(name)") }
  }
}
