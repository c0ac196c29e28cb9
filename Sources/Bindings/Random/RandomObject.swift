import Kernel
import Tensor

/// A seeded stream of random numbers: `rng = random(seed: 1)`, then `rng.normal(10)`.
final class RandomObject: LabObject {
  static let typeName = "Random"
  let seed: Int
  var generator: SeededGenerator

  init(seed: Int) {
    self.seed = seed
    self.generator = SeededGenerator(seed: UInt64(bitPattern: Int64(seed)))
  }

  var summary: String { "<Random seed \(seed)>" }

  static let memberDocs: [(name: String, doc: String)] = [
    ("seed", "The seed the stream started from."),
    ("uniform", "`uniform(n: none, low: 0, high: 1)`: one number, or a list of n, uniform in [low, high)."),
    ("normal", "`normal(n: none, mean: 0, std: 1)`: one number, or a list of n, normally distributed."),
    ("int", "`int(low, high, n: none)`: one whole number, or a list of n, uniform in low..<high."),
    ("choice", "`choice(list, n: none)`: one element, or a list of n drawn with replacement."),
    ("shuffle", "`shuffle(list)`: the list in a random order."),
  ]

  var memberNames: [String] { RandomObject.memberDocs.map(\.name) }

  func member(_ name: String) throws -> Value? {
    let count = Parameter("n", .int, default: .none)
    switch name {
    case "seed":
      return .number(Double(seed))
    case "uniform":
      return method(name, parameters: [count, Parameter("low", .number, default: .number(0)), Parameter("high", .number, default: .number(1))]) {
        rng, args, _ in
        let (low, high) = (try args.number("low"), try args.number("high"))
        return try RandomLibrary.draw(args) { low + (high - low) * rng.generator.nextUniformDouble() }
      }
    case "normal":
      return method(name, parameters: [count, Parameter("mean", .number, default: .number(0)), Parameter("std", .number, default: .number(1))]) {
        rng, args, _ in
        let (mean, std) = (try args.number("mean"), try args.number("std"))
        return try RandomLibrary.draw(args) { mean + std * rng.generator.nextNormal() }
      }
    case "int":
      return method(name, parameters: [Parameter("low", .int), Parameter("high", .int), count]) { rng, args, _ in
        let (low, high) = (try args.int("low"), try args.int("high"))
        guard high > low else { throw args.error("high", "must be greater than low (\(low)), got \(high)") }
        return try RandomLibrary.draw(args) { Double(low + rng.generator.nextInt(below: high - low)) }
      }
    case "choice":
      return method(name, parameters: [Parameter("list", .list), count]) { rng, args, _ in
        let items = try args.list("list")
        guard !items.isEmpty else { throw args.error("list", "must not be empty") }
        return try RandomLibrary.drawValues(args) { items[rng.generator.nextInt(below: items.count)] }
      }
    case "shuffle":
      return method(name, parameters: [Parameter("list", .list)]) { rng, args, _ in .list(RandomLibrary.shuffled(try args.list("list"), &rng.generator)) }
    default:
      return nil
    }
  }
}
