import Foundation
import Kernel

/// Numbers: elementary functions, rounding and statistics over lists.
enum MathLibrary {
  static let category = "Math"

  static func register(into registry: BuiltinRegistry) {
    registry.describe(category: category, "Elementary functions and statistics. Functions of one number take a number, not a list: use a comprehension, `[sqrt(x) for x in xs]`.")
    registry.constant("pi", .number(Double.pi), category: category, doc: "The ratio of a circle's circumference to its diameter.")
    registry.constant("inf", .number(Double.infinity), category: category, doc: "Positive infinity.")
    registerElementary(into: registry)
    registerStatistics(into: registry)
  }

  /// A function of one number, with the domain it accepts.
  private static func unary(
    _ registry: BuiltinRegistry, _ name: String, _ doc: String, domain: ((Double) -> String?)? = nil, _ f: @escaping (Double) -> Double
  ) {
    registry.register(name, category: category, doc: doc, parameters: [Parameter("x", .number)], returns: .number) { args, _ in
      let x = try args.number("x")
      if let problem = domain?(x) { throw args.error("x", "\(problem), got \(NumberFormatting.plain(x))") }
      return .number(f(x))
    }
  }

  static func registerElementary(into registry: BuiltinRegistry) {
    let positive: (Double) -> String? = { $0 > 0 ? nil : "must be positive" }
    unary(registry, "abs", "The absolute value.") { Swift.abs($0) }
    unary(registry, "exp", "e raised to x.") { Foundation.exp($0) }
    unary(registry, "log2", "The base-2 logarithm.", domain: positive) { Foundation.log2($0) }
    unary(registry, "log10", "The base-10 logarithm.", domain: positive) { Foundation.log10($0) }
    unary(registry, "sqrt", "The square root.", domain: { $0 >= 0 ? nil : "must not be negative" }) { $0.squareRoot() }
    unary(registry, "floor", "The largest whole number not above x.") { $0.rounded(.down) }
    unary(registry, "ceil", "The smallest whole number not below x.") { $0.rounded(.up) }
    registry.register(
      "log", category: category, doc: "The natural logarithm, or the logarithm in `base`.",
      parameters: [Parameter("x", .number), Parameter("base", .number, default: .none)], returns: .number
    ) { args, _ in
      let x = try args.number("x")
      guard x > 0 else { throw args.error("x", "must be positive, got \(NumberFormatting.plain(x))") }
      guard let base = try args.optionalNumber("base") else { return .number(Foundation.log(x)) }
      guard base > 0, base != 1 else { throw args.error("base", "must be positive and not 1, got \(NumberFormatting.plain(base))") }
      return .number(Foundation.log(x) / Foundation.log(base))
    }
    registry.register(
      "pow", category: category, doc: "x raised to y (same as `x ** y`).",
      parameters: [Parameter("x", .number), Parameter("y", .number)], returns: .number
    ) { args, _ in .number(Foundation.pow(try args.number("x"), try args.number("y"))) }
    registry.register(
      "round", category: category, doc: "x rounded to `digits` decimals, halves away from zero.",
      parameters: [Parameter("x", .number), Parameter("digits", .int, default: .number(0))], returns: .number
    ) { args, _ in
      let x = try args.number("x")
      let digits = try args.int("digits")
      guard digits >= -15, digits <= 15 else { throw args.error("digits", "must be between -15 and 15, got \(digits)") }
      let scale = Foundation.pow(10, Double(digits))
      return .number((x * scale).rounded(.toNearestOrAwayFromZero) / scale)
    }
  }

  /// The numbers of `values`: one list argument, or several number arguments.
  static func numbers(_ args: Arguments) throws -> [Double] {
    let values: [Value]
    if args.rest.count == 1, case .list(let items) = args.rest[0] { values = items } else { values = args.rest }
    return try values.enumerated().map { index, value in
      guard case .number(let x) = value else {
        throw LabError("\(args.function)(): expects numbers; element \(index) is a \(value.typeName)")
      }
      return x
    }
  }

  static func nonEmpty(_ args: Arguments) throws -> [Double] {
    let xs = try numbers(args)
    guard !xs.isEmpty else { throw LabError("\(args.function)(): no values (the list is empty)") }
    return xs
  }

  static func registerStatistics(into registry: BuiltinRegistry) {
    let values = Parameter("values", .oneOf([.number, .listOf(.number)]))
    registry.register(
      "sum", category: category, doc: "The sum of a list of numbers (0 for an empty list).", variadic: values, returns: .number
    ) { args, _ in .number(try numbers(args).reduce(0, +)) }
    registry.register(
      "min", category: category, doc: "The smallest of a list of numbers, or of the numbers given.", variadic: values, returns: .number
    ) { args, _ in .number(try nonEmpty(args).min() ?? .nan) }
    registry.register(
      "max", category: category, doc: "The largest of a list of numbers, or of the numbers given.", variadic: values, returns: .number
    ) { args, _ in .number(try nonEmpty(args).max() ?? .nan) }
    registry.register(
      "mean", category: category, doc: "The arithmetic mean of a list of numbers.", variadic: values, returns: .number
    ) { args, _ in
      let xs = try nonEmpty(args)
      return .number(xs.reduce(0, +) / Double(xs.count))
    }
    registry.register(
      "std", category: category, doc: "The population standard deviation (divides by n) of a list of numbers.", variadic: values,
      returns: .number
    ) { args, _ in
      let xs = try nonEmpty(args)
      let mean = xs.reduce(0, +) / Double(xs.count)
      return .number((xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(xs.count)).squareRoot())
    }
    registry.register(
      "median", category: category, doc: "The median of a list of numbers (the mean of the middle two for an even count).",
      variadic: values, returns: .number
    ) { args, _ in
      let xs = try nonEmpty(args).sorted()
      let mid = xs.count / 2
      return .number(xs.count % 2 == 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2)
    }
  }
}
