import Testing
@testable import Bindings
@testable import Kernel

@Suite struct CoreLibraryTests {
  @Test func conversions() {
    #expect(eval("str(3)") == #""3""#)
    #expect(eval("str([1, \"a\"])") == #""[1, \"a\"]""#)
    #expect(eval(#"format(0.913, ".1%")"#) == #""91.3%""#)
    #expect(eval(#"number("2.5e-1")"#) == "0.25")
    #expect(eval(#"type("x")"#) == #""string""#)
  }

  @Test func collections() {
    #expect(eval("len([1, 2, 3])") == "3")
    #expect(eval(#"len("héllo")"#) == "5")
    #expect(eval("len({a: 1})") == "1")
    #expect(eval("keys({b: 1, a: 2})") == #"["b", "a"]"#)
    #expect(eval("values({b: 1, a: 2})") == "[1, 2]")
    #expect(eval("items({a: 1})") == #"[["a", 1]]"#)
    #expect(eval(#"get({a: 1}, "b", default: 0)"#) == "0")
    #expect(eval("enumerate([\"x\", \"y\"], start: 1)") == #"[[1, "x"], [2, "y"]]"#)
    #expect(eval("zip([1, 2, 3], [4, 5])") == "[[1, 4], [2, 5]]")
    #expect(eval("reversed([1, 2])") == "[2, 1]")
  }

  @Test func sorting() {
    #expect(eval("sort([3, 1, 2])") == "[1, 2, 3]")
    #expect(eval("sort([3, 1, 2], reverse: true)") == "[3, 2, 1]")
    #expect(eval(#"sort(["b", "a"])"#) == #"["a", "b"]"#)
    #expect(output("fn k(r) { return r.n }\nsort([{n: 2, i: 0}, {n: 1, i: 1}, {n: 2, i: 2}], key: k)")
      == "[{n: 1, i: 1}, {n: 2, i: 0}, {n: 2, i: 2}]")
    expectError(#"sort([1, "a"])"#, at: "1:1", "sort(): can only sort numbers or strings, got number and string")
  }

  @Test func strings() {
    #expect(eval(#"join([1, "a", 2.5], ", ")"#) == #""1, a, 2.5""#)
    #expect(eval(#"split("a b  c")"#) == #"["a", "b", "c"]"#)
    #expect(eval(#"split("a,b", sep: ",")"#) == #"["a", "b"]"#)
  }

  @Test func printSeparatorsAndShow() {
    #expect(output(#"print("a", 1, [2], sep: "|")"#) == "a|1|[2]")
    #expect(output("show(1, \"two\")") == "1\ntwo")
  }
}

@Suite struct CoreLibraryEdgeTests {
  @Test func nanSortsLast() {
    #expect(output("n = inf - inf\nsort([2, n, 1])") == "[1, 2, nan]")
    #expect(output("n = inf - inf\nsort([2, n, 1], reverse: true)") == "[2, 1, nan]")
  }

  @Test func windowsLineEndings() {
    let result = run("x = 1\r\ny = x + \"a\"\r\n")
    #expect(result.error?.sourceLine == "y = x + \"a\"")
    #expect(result.error?.location?.column == 7)
  }
}
