import Kernel
import Tensor

/// Seeded random numbers: a stream object, and one-shot functions that take a seed.
enum RandomLibrary {
  static let category = "Random"

  static func register(into registry: BuiltinRegistry) {
    registry.describe(
      category: category,
      "Every random number comes from an explicit seed, so a notebook gives the same numbers on every run. `random(seed:)` makes a stream whose draws continue one another; the `random_*` functions draw a fresh list from their own seed.")
    registry.document(type: RandomObject.typeName, category: category, doc: "A seeded stream of random numbers.", members: RandomObject.memberDocs)
    registry.register(
      "random", category: category, doc: "A seeded stream of random numbers (`rng.uniform()`, `rng.normal(10)`, ...).",
      parameters: [Parameter("seed", .int)], returns: .object(RandomObject.typeName)
    ) { args, _ in .object(RandomObject(seed: try args.int("seed"))) }
    registry.register(
      "random_uniform", category: category, doc: "n numbers uniform in [low, high), from `seed`.",
      parameters: [Parameter("n", .int), Parameter("low", .number, default: .number(0)), Parameter("high", .number, default: .number(1)),
                   Parameter("seed", .int)],
      returns: .listOf(.number)
    ) { args, _ in
      var generator = SeededGenerator(seed: UInt64(bitPattern: Int64(try args.int("seed"))))
      let (low, high) = (try args.number("low"), try args.number("high"))
      return try draw(args) { low + (high - low) * generator.nextUniformDouble() }
    }
    registry.register(
      "random_normal", category: category, doc: "n normally distributed numbers, from `seed`.",
      parameters: [Parameter("n", .int), Parameter("mean", .number, default: .number(0)), Parameter("std", .number, default: .number(1)),
                   Parameter("seed", .int)],
      returns: .listOf(.number)
    ) { args, _ in
      var generator = SeededGenerator(seed: UInt64(bitPattern: Int64(try args.int("seed"))))
      let (mean, std) = (try args.number("mean"), try args.number("std"))
      return try draw(args) { mean + std * generator.nextNormal() }
    }
    registry.register(
      "shuffle", category: category, doc: "The list in a random order fixed by `seed`.",
      parameters: [Parameter("list", .list), Parameter("seed", .int)], returns: .list
    ) { args, _ in
      var generator = SeededGenerator(seed: UInt64(bitPattern: Int64(try args.int("seed"))))
      return .list(shuffled(try args.list("list"), &generator))
    }
  }

  /// `items` in a random order.
  static func shuffled(_ items: [Value], _ generator: inout SeededGenerator) -> [Value] {
    var items = items
    generator.shuffle(&items)
    return items
  }

  /// One number when `n` is none, else a list of `n`.
  static func draw(_ args: Arguments, _ next: () -> Double) throws -> Value {
    try drawValues(args) { .number(next()) }
  }

  static func drawValues(_ args: Arguments, _ next: () -> Value) throws -> Value {
    guard let n = try args.optionalInt("n") else { return next() }
    guard n >= 0, n <= Limits.maximumListCount else {
      throw args.error("n", "must be between 0 and \(Limits.maximumListCount), got \(n)")
    }
    return .list((0..<n).map { _ in next() })
  }
}
