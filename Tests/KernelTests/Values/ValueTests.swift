import Testing
@testable import Kernel

@Suite struct ValueTests {
  @Test func integralNumbersPrintWithoutFraction() {
    #expect(Value.number(3).text == "3")
    #expect(Value.number(-0.0).text == "0")
    #expect(Value.number(1e15).text == "1000000000000000")
    #expect(Value.number(2.5).text == "2.5")
    #expect(Value.number(1.0 / 3).text == "0.333333")
    #expect(Value.number(123456.789).text == "123457")
    #expect(Value.number(1e-7).text == "1e-7")
    #expect(Value.number(1e20).text == "1e20")
    #expect(Value.number(.infinity).text == "inf")
    #expect(Value.number(.nan).text == "nan")
  }

  @Test func reprQuotesStringsInsideContainers() {
    let record = Value.record(Record([("a", .number(1)), ("b c", .string("x\"y")), ("l", .list([.none, .bool(true)]))]))
    #expect(record.repr == #"{a: 1, "b c": "x\"y", l: [none, true]}"#)
    #expect(Value.string("plain").text == "plain")
    #expect(Value.string("{x}").repr == #""{{x}}""#)
  }

  @Test func equalityIsStructural() {
    #expect(Value.list([.number(1), .string("a")]) == .list([.number(1), .string("a")]))
    #expect(Value.record(Record([("a", .number(1))])) != .record(Record([("b", .number(1))])))
    #expect(Value.number(1) != .string("1"))
  }

  @Test func typeNames() {
    #expect(Value.none.typeName == "none")
    #expect(Value.list([]).typeName == "list")
    #expect(output("type(len)") == "function")
    #expect(output("type(table([{a: 1}]))") == "Table")
  }

  @Test func recordKeepsOrderAndEditsInPlace() {
    var record = Record([("b", .number(1)), ("a", .number(2))])
    record.set("b", .number(3))
    record.set("c", .number(4))
    #expect(record.keys == ["b", "a", "c"])
    #expect(record["b"] == .number(3))
    #expect(record["zz"] == nil)
  }

  @Test func suggestionsByEditDistance() {
    #expect(Suggestion.nearest(to: "epoch", among: ["epochs", "lr", "batch"]) == "epochs")
    #expect(Suggestion.nearest(to: "lenght", among: ["length", "len"]) == "length")
    #expect(Suggestion.nearest(to: "xyz", among: ["epochs", "lr"]) == nil)
    #expect(Suggestion.editDistance(Array("ab"), Array("ba")) == 1)
  }
}
