import Hardware

/// Every weight value of a bit width with the cost of its simplified constant multiplier,
/// and the values ranked from cheapest to dearest: the order hardware-aware training picks from.
public struct MultiplierCostTable: Sendable {
  /// One weight value's multiplier.
  public struct Entry: Sendable, Equatable {
    /// The weight.
    public var weight: Int
    /// AND nodes of the simplified multiplier.
    public var andNodes: Int
    /// Transistors of the mapped multiplier.
    public var transistors: Int
    /// Cell area, in the library's area unit.
    public var area: Double
    /// Static critical delay, in seconds.
    public var delay: Double
  }

  /// Activation (multiplicand) width: unsigned, as the network's activations.
  public var activationBits: Int
  /// Weight width (signed).
  public var weightBits: Int
  /// One entry per weight value, ascending by weight.
  public var entries: [Entry]

  /// Embeds every `weightBits`-bit value into the generic unsigned-by-signed multiplier,
  /// simplifies and maps it onto `library` (`ConstantMultipliers.build`, which checks each
  /// against integer multiplication over every activation).
  public static func build(activationBits: Int, weightBits: Int, library: CellLibrary) throws -> MultiplierCostTable {
    let multipliers = try ConstantMultipliers.build(
      activationBits: activationBits, weightBits: weightBits, activationSigned: false, weightSigned: true,
      library: library)
    return MultiplierCostTable(
      activationBits: activationBits, weightBits: weightBits,
      entries: multipliers.map {
        Entry(weight: $0.weight, andNodes: $0.andNodes, transistors: $0.transistors, area: $0.area, delay: $0.criticalDelay)
      })
  }

  /// The weight values from cheapest to dearest: by area, then by magnitude, then positive first.
  public var ranking: [Int] {
    entries.sorted {
      if $0.area != $1.area { return $0.area < $1.area }
      if abs($0.weight) != abs($1.weight) { return abs($0.weight) < abs($1.weight) }
      return $0.weight > $1.weight
    }.map(\.weight)
  }

  /// The `n` cheapest values, ascending.
  public func cheapest(_ n: Int) -> [Int] { Array(ranking.prefix(n)).sorted() }

  /// The area of `weight`'s multiplier.
  public func area(of weight: Int) -> Double { entries.first { $0.weight == weight }?.area ?? 0 }

  /// The summed area of the constant multipliers of every weight of `network` (zeros cost nothing).
  public func multiplierArea(of network: IntegerNetwork) -> Double {
    var area: [Int: Double] = [:]
    for entry in entries { area[entry.weight] = entry.area }
    return network.layers.reduce(0) { sum, layer in sum + layer.weights.joined().reduce(0) { $0 + (area[$1] ?? 0) } }
  }
}
