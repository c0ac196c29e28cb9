import Testing
import Bindings
@testable import Kernel

@Suite struct EvaluatorTests {
  @Test func arithmetic() {
    #expect(eval("1 + 2 * 3 - 4 / 2") == "5")
    #expect(eval("2 ** 10") == "1024")
    #expect(eval("-2 ** 2") == "-4")
    #expect(eval("7 % 3") == "1")
    #expect(eval("-7 % 3") == "2")
    #expect(eval("7 % -3") == "-2")
    #expect(eval("1 / 3") == "0.333333")
    #expect(eval("0.1 + 0.2") == "0.3")
    #expect(eval("25% * 4") == "1")
  }

  @Test func stringsListsAndRecordsCombine() {
    #expect(eval(#""ab" + "cd""#) == #""abcd""#)
    #expect(eval(#""ab" * 3"#) == #""ababab""#)
    #expect(eval("[1, 2] + [3]") == "[1, 2, 3]")
    #expect(eval("[0] * 3") == "[0, 0, 0]")
    #expect(eval("{a: 1, b: 2} + {b: 3, c: 4}") == "{a: 1, b: 3, c: 4}")
  }

  @Test func comparisonsAndLogic() {
    #expect(eval("1 < 2 and 2 <= 2 and 3 > 2 and 3 >= 3") == "true")
    #expect(eval("1 == 1.0 and 1 != 2") == "true")
    #expect(eval(#""a" < "b""#) == "true")
    #expect(eval("[1, [2]] == [1, [2]]") == "true")
    #expect(eval("{a: 1} == {a: 1}") == "true")
    #expect(eval("2 in [1, 2] and 5 not in [1, 2]") == "true")
    #expect(eval(#""ell" in "hello" and "a" in {a: 1}"#) == "true")
    #expect(eval("not false or 1 / 0 > 0") == "true")  // short-circuit: the division never runs
    #expect(eval("false and 1 / 0 > 0") == "false")
  }

  @Test func ranges() {
    #expect(eval("0..<4") == "[0, 1, 2, 3]")
    #expect(eval("1...3") == "[1, 2, 3]")
    #expect(eval("5..<2") == "[]")
    #expect(eval("range(3)") == "[0, 1, 2]")
    #expect(eval("range(1, 10, 4)") == "[1, 5, 9]")
    #expect(eval("range(3, 0, -1)") == "[3, 2, 1]")
  }

  @Test func indexingAndSlicing() {
    #expect(eval("[10, 20, 30][1]") == "20")
    #expect(eval("[10, 20, 30][-1]") == "30")
    #expect(eval("[10, 20, 30][1:]") == "[20, 30]")
    #expect(eval("[10, 20, 30][:-1]") == "[10, 20]")
    #expect(eval("[10, 20, 30][5:9]") == "[]")
    #expect(eval(#""hello"[1]"#) == #""e""#)
    #expect(eval(#""hello"[1:3]"#) == #""el""#)
    #expect(eval(#"{a: 1, b: 2}["b"]"#) == "2")
    #expect(eval("{a: {b: [1, 2]}}.a.b[1]") == "2")
  }

  @Test func assignmentPathsUpdateInPlace() {
    #expect(output("r = {a: {b: [1, 2]}}\nr.a.b[0] = 9\nr.c = 3\nr") == "{a: {b: [9, 2]}, c: 3}")
    #expect(output("xs = [1, 2]\nys = xs\nys[0] = 5\nprint(xs, ys)") == "[1, 2] [5, 2]")
    #expect(output("xs = []\nfor i in 0..<3 { xs += [i * i] }\nxs") == "[0, 1, 4]")
    #expect(output("r = {n: 1}\nr.n += 2\nr[\"m\"] = 0\nr") == "{n: 3, m: 0}")
    #expect(output("s = 10\ns -= 4\ns *= 2\ns /= 3\ns") == "4")
  }

  @Test func loops() {
    #expect(output("t = 0\nfor i in 0..<5 {\n  if i == 3 { break }\n  t += i\n}\nt") == "3")
    #expect(output("t = 0\nfor i in 1...5 {\n  if i % 2 == 0 { continue }\n  t += i\n}\nt") == "9")
    #expect(output("out = \"\"\nfor c in \"abc\" { out = c + out }\nout") == "cba")
    #expect(output("for k, v in items({a: 1, b: 2}) { print(k, v) }") == "a 1\nb 2")
    #expect(output("for i in 0..<3 { }\ni") == "2")  // loop variables stay visible, as in Python
  }

  @Test func conditionals() {
    let source = """
      fn grade(x) {
        if x >= 90% { return "A" } else if x >= 0.5 { return "B" }
        else { return "C" }
      }
      [grade(0.95), grade(0.6), grade(0.1)]
      """
    #expect(output(source) == #"["A", "B", "C"]"#)
  }

  @Test func comprehensions() {
    #expect(eval("[x * x for x in 0..<6 if x % 2 == 0]") == "[0, 4, 16]")
    #expect(eval("[[i, j] for i in 0..<2 for j in 0..<i + 1]") == "[[0, 0], [1, 0], [1, 1]]")
    #expect(eval("[a + b for a, b in [[1, 2], [3, 4]]]") == "[3, 7]")
    // Comprehension variables do not leak.
    expectError("ys = [q for q in [1]]\nq", at: "2:1", "unknown variable 'q'")
  }

  @Test func functionsDefaultsNamedArgumentsAndRecursion() {
    let source = """
      fn scale(x, by: 2) { return x * by }
      fn fact(n) {
        if n <= 1 { return 1 }
        return n * fact(n - 1)
      }
      print(scale(3), scale(3, by: 10), scale(by: 4, x: 1), fact(10))
      """
    #expect(output(source) == "6 30 4 3628800")
  }

  @Test func functionsWithoutReturnGiveNone() {
    #expect(output("fn f() { x = 1 }\nprint(f())") == "none")
  }

  @Test func closuresCaptureEnclosingFunctions() {
    let source = """
      fn make(k) {
        fn add(x) { return x + k }
        return add
      }
      add3 = make(3)
      add3(4)
      """
    #expect(output(source) == "7")
  }

  @Test func functionsReadGlobalsLateAndKeepLocalsPrivate() {
    let source = """
      fn f() { return later * 2 }
      later = 21
      x = 1
      fn g() { x = 100; return x }
      print(f(), g(), x)
      """
    #expect(output(source) == "42 100 1")
  }

  @Test func functionsCanMutateGlobalContainersThroughPaths() {
    #expect(output("log = []\nfn note(x) { log += [x] }\nnote(1)\nnote(2)\nlog") == "[1, 2]")
    #expect(output("r = {n: 0}\nfn bump() { r.n = r.n + 1 }\nbump(); bump()\nr.n") == "2")
  }

  @Test func functionsAreValues() {
    #expect(output("fn twice(f, x) { return f(f(x)) }\nfn inc(x) { return x + 1 }\ntwice(inc, 5)") == "7")
    #expect(output("fn f(a, b: 2) { }\nf") == "<fn f(a, b: 2)>")
    #expect(output("len") == "<builtin len>")
    #expect(output("sort([3, 1, 2], key: abs)") == "[1, 2, 3]")
  }

  @Test func interpolationAndFormatSpecs() {
    #expect(output(#"acc = 0.91234; n = 1234567; print("acc {acc:.2%} n {n:,} pi {pi:.3f} [{"x":>4}] {{ok}} {1 + 1}")"#)
      == "acc 91.23% n 1,234,567 pi 3.142 [   x] {ok} 2")
  }

  @Test func paramsIsARecord() {
    let session = Session(file: "nb.md", params: Record([("epochs", .number(3)), ("name", .string("quick"))]))
    let result = session.run("print(params.epochs * 2, params.name)", line: 1)
    #expect(texts(result) == ["6 quick"])
  }
}
