import Testing
@testable import Bindings
@testable import Kernel

@Suite struct MathLibraryTests {
  @Test func elementaryFunctions() {
    #expect(eval("abs(-2)") == "2")
    #expect(eval("exp(0)") == "1")
    #expect(eval("log(exp(2))") == "2")
    #expect(eval("log(8, base: 2)") == "3")
    #expect(eval("log2(1024)") == "10")
    #expect(eval("log10(1000)") == "3")
    #expect(eval("sqrt(16)") == "4")
    #expect(eval("pow(2, 0.5) == sqrt(2)") == "true")
    #expect(eval("[floor(-1.5), ceil(-1.5)]") == "[-2, -1]")
    #expect(eval("[round(2.5), round(-2.5), round(3.14159, digits: 2)]") == "[3, -3, 3.14]")
    #expect(eval("pi") == "3.14159")
    #expect(eval("inf > 1e308") == "true")
  }

  @Test func statistics() {
    #expect(eval("sum([1, 2, 3.5])") == "6.5")
    #expect(eval("sum([])") == "0")
    #expect(eval("[min([4, 2, 8]), max(4, 2, 8)]") == "[2, 8]")
    #expect(eval("mean([1, 2, 3, 4])") == "2.5")
    #expect(eval("std([2, 4, 4, 4, 5, 5, 7, 9])") == "2")
    #expect(eval("[median([3, 1, 2]), median([4, 1, 2, 3])]") == "[2, 2.5]")
  }

  @Test func domainErrors() {
    expectError("sqrt(-1)", at: "1:1", "sqrt(): argument 'x' must not be negative, got -1")
    expectError("mean([])", at: "1:1", "mean(): no values (the list is empty)")
    expectError(#"max([1, "a"])"#, at: "1:5", "max(): argument 'values' must be a number or a list of numbers, got a list with a string at index 1")
  }
}
