import Foundation
import Kernel

/// Output, conversions, and the list, record and string helpers.
enum CoreLibrary {
  static let category = "Core"

  static func register(into registry: BuiltinRegistry) {
    registry.describe(category: category, "Output, conversions, and helpers for lists, records and strings.")
    registerOutput(into: registry)
    registerConversions(into: registry)
    registerCollections(into: registry)
    registerStrings(into: registry)
  }

  static func registerOutput(into registry: BuiltinRegistry) {
    registry.register(
      "print", category: category, doc: "Prints the values' text forms, separated by `sep`, as one line of output.",
      parameters: [Parameter("sep", .string, default: .string(" "))], variadic: Parameter("values"), returns: .none
    ) { args, context in
      try context.print(args.rest.map(\.text).joined(separator: try args.string("sep")))
      return .none
    }
    registry.register(
      "show", category: category, doc: "Displays each value in its rich form: tables as tables, charts as figures.",
      variadic: Parameter("values"), returns: .none
    ) { args, context in
      for value in args.rest { try context.show(value) }
      return .none
    }
    registry.register(
      "assert", category: category, doc: "Stops the cell with `message` unless `condition` is true.",
      parameters: [Parameter("condition", .bool), Parameter("message", .string, default: .string("assertion failed"))],
      returns: .none
    ) { args, _ in
      guard try args.bool("condition") else { throw LabError(try args.string("message")) }
      return .none
    }
  }

  static func registerConversions(into registry: BuiltinRegistry) {
    registry.register(
      "str", category: category, doc: "The text form of a value (strings unchanged, numbers without a needless fraction).",
      parameters: [Parameter("value")], returns: .string
    ) { args, _ in .string(args["value"].text) }
    registry.register(
      "format", category: category, doc: "Formats a value with a spec, as in interpolation: `format(0.913, \".1%\")` is `91.3%`.",
      parameters: [Parameter("value"), Parameter("spec", .string)], returns: .string
    ) { args, _ in
      .string(try FormatSpec(try args.string("spec")).format(args["value"]))
    }
    registry.register(
      "number", category: category, doc: "Converts a string such as `\"2.5\"` or `\"1e-3\"` (or a bool) to a number.",
      parameters: [Parameter("value", .oneOf([.string, .number, .bool]))], returns: .number
    ) { args, _ in
      switch args["value"] {
      case .number(let x): return .number(x)
      case .bool(let b): return .number(b ? 1 : 0)
      case .string(let s):
        guard let x = Double(s.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")) else {
          throw LabError("number(): cannot read a number from \(Value.quoted(s))")
        }
        return .number(x)
      default: return .none
      }
    }
    registry.register(
      "type", category: category, doc: "The type name of a value: `number`, `string`, `list`, `Model`, ...",
      parameters: [Parameter("value")], returns: .string
    ) { args, _ in .string(args["value"].typeName) }
  }

  static func registerCollections(into registry: BuiltinRegistry) {
    registry.register(
      "len", category: category, doc: "The number of elements of a list, characters of a string, fields of a record or rows of a table.",
      parameters: [Parameter("value", .oneOf([.list, .string, .record, .rows]))], returns: .int
    ) { args, _ in
      switch args["value"] {
      case .list(let items): return .number(Double(items.count))
      case .string(let s): return .number(Double(s.count))
      case .record(let r): return .number(Double(r.count))
      case .object(let object): return .number(Double(object.rows()?.count ?? 0))
      default: return .none
      }
    }
    registry.register(
      "range", category: category,
      doc: "The list `start, start+step, ...` below `stop`; `range(n)` is `0..<n`.",
      parameters: [Parameter("start", .number), Parameter("stop", .number, default: .none), Parameter("step", .number, default: .number(1))],
      returns: .listOf(.number)
    ) { args, _ in
      let first = try args.number("start")
      let (start, stop) = try args.optionalNumber("stop").map { (first, $0) } ?? (0, first)
      let step = try args.number("step")
      guard step != 0, step.isFinite, start.isFinite, stop.isFinite else {
        throw args.error("step", "must be a finite non-zero number")
      }
      let count = max(0, ((stop - start) / step).rounded(.up))
      guard count <= Double(Limits.maximumListCount) else {
        throw LabError("range(): \(NumberFormatting.plain(count)) numbers is too many for a list (the limit is \(Limits.maximumListCount)); loop over 'a..<b' instead")
      }
      return .list((0..<Int(count)).map { .number(start + Double($0) * step) })
    }
    registry.register(
      "keys", category: category, doc: "The field names of a record, in order.",
      parameters: [Parameter("record", .record)], returns: .listOf(.string)
    ) { args, _ in .list(try args.record("record").keys.map(Value.string)) }
    registry.register(
      "values", category: category, doc: "The field values of a record, in order.",
      parameters: [Parameter("record", .record)], returns: .list
    ) { args, _ in .list(try args.record("record").values) }
    registry.register(
      "items", category: category, doc: "The `[key, value]` pairs of a record, for `for k, v in items(r)`.",
      parameters: [Parameter("record", .record)], returns: .list
    ) { args, _ in .list(try args.record("record").fields.map { .list([.string($0.key), $0.value]) }) }
    registry.register(
      "get", category: category, doc: "A record's field, or `default` when it has no such field.",
      parameters: [Parameter("record", .record), Parameter("key", .string), Parameter("default", default: .none)]
    ) { args, _ in try args.record("record")[try args.string("key")] ?? args["default"] }
    registry.register(
      "enumerate", category: category, doc: "The `[index, element]` pairs of a list, for `for i, x in enumerate(xs)`.",
      parameters: [Parameter("list", .list), Parameter("start", .int, default: .number(0))], returns: .list
    ) { args, _ in
      let start = try args.int("start")
      return .list(try args.list("list").enumerated().map { .list([.number(Double($0.offset + start)), $0.element]) })
    }
    registry.register(
      "zip", category: category, doc: "Lists of the i-th elements of each list, as long as the shortest.",
      variadic: Parameter("lists", .list), returns: .list
    ) { args, _ in
      let lists = args.rest.compactMap { value -> [Value]? in if case .list(let items) = value { return items } else { return nil } }
      let count = lists.map(\.count).min() ?? 0
      return .list((0..<count).map { i in .list(lists.map { $0[i] }) })
    }
    registry.register(
      "sort", category: category,
      doc: "The list sorted ascending (numbers or strings), by `key(x)` when given; the sort is stable.",
      parameters: [Parameter("list", .list), Parameter("key", .function, default: .none), Parameter("reverse", .bool, default: .bool(false))],
      returns: .list
    ) { args, context in
      let items = try args.list("list")
      let key = args["key"]
      let keys = key.isNone ? items : try items.map { try context.call(key, [$0]) }
      let order = try sortedIndices(keys, reverse: try args.bool("reverse"))
      return .list(order.map { items[$0] })
    }
    registry.register(
      "reversed", category: category, doc: "The list in reverse order.",
      parameters: [Parameter("list", .list)], returns: .list
    ) { args, _ in .list(try args.list("list").reversed()) }
  }

  /// Indices that sort `keys` (all numbers or all strings), stable.
  static func sortedIndices(_ keys: [Value], reverse: Bool) throws -> [Int] {
    if let numbers = try? keys.map({ (value: Value) throws -> Double in
      guard case .number(let x) = value else { throw LabError("") }
      return x
    }) {
      // NaN sorts last either way, which keeps the ordering strict and total.
      func before(_ a: Int, _ b: Int) -> Bool {
        let (x, y) = (numbers[a], numbers[b])
        if x.isNaN || y.isNaN { return x.isNaN == y.isNaN ? a < b : y.isNaN }
        return x == y ? a < b : (reverse ? x > y : x < y)
      }
      return keys.indices.sorted(by: before)
    }
    if let strings = try? keys.map({ (value: Value) throws -> String in
      guard case .string(let s) = value else { throw LabError("") }
      return s
    }) {
      return keys.indices.sorted { a, b in
        strings[a] == strings[b] ? a < b : (reverse ? strings[a] > strings[b] : strings[a] < strings[b])
      }
    }
    let types = Set(keys.map(\.typeName)).sorted().joined(separator: " and ")
    throw LabError("sort(): can only sort numbers or strings, got \(types)")
  }

  static func registerStrings(into registry: BuiltinRegistry) {
    registry.register(
      "join", category: category, doc: "The text forms of a list's elements joined by `sep`.",
      parameters: [Parameter("list", .list), Parameter("sep", .string, default: .string(""))], returns: .string
    ) { args, _ in .string(try args.list("list").map(\.text).joined(separator: try args.string("sep"))) }
    registry.register(
      "split", category: category, doc: "The parts of a string between occurrences of `sep` (runs of spaces when `sep` is none).",
      parameters: [Parameter("string", .string), Parameter("sep", .string, default: .none)], returns: .listOf(.string)
    ) { args, _ in
      let s = try args.string("string")
      guard let sep = try args.optionalString("sep") else {
        return .list(s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map { .string(String($0)) })
      }
      guard !sep.isEmpty else { throw args.error("sep", "must not be empty") }
      return .list(s.components(separatedBy: sep).map(Value.string))
    }
  }
}
