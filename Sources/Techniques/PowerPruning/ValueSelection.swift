import Foundation
import Hardware

/// PowerPruning's choice of the weight and activation values a network may use.
///
/// 1. **Power.** The `poolSize` weight values whose MAC draws the least energy per operation
///    (from a power table, normally driven by the network's own activations) form the pool.
/// 2. **Activations.** From the activation grid, values are dropped one at a time: the one whose
///    transitions to and from the values still kept sensitise the longest path (the worst over
///    the pool's weights) goes first, until `activationCount` remain. Zero always stays: ReLU
///    outputs and padding are zero.
/// 3. **Weights.** Each pool weight's sensitised delay over the kept activations is measured; the
///    weights above the target delay are excluded, and of the rest the `weightCount` of lowest
///    energy are kept. Without a target, the `weightCount` fastest pool weights are kept (the
///    target is then the slowest of them).
///
/// The paper (as far as its talk and abstract tell) selects by power and by the delays that
/// transitions sensitise; the order of the steps, the greedy removal and the pool are this
/// implementation's reading, each a parameter.
public struct ValueSelection: Sendable {
  /// The weight values kept, ascending.
  public var weights: [Int]
  /// The activation values kept, ascending.
  public var activations: [Int]
  /// The power-selected pool the weights were chosen from, cheapest first.
  public var pool: [Int]
  /// The timing cut on weights, in seconds at the nominal supply.
  public var targetDelay: Double
  /// The critical sensitised delay of every characterised weight over the whole activation grid.
  public var criticalDelayBefore: Double
  /// The critical sensitised delay of the kept weights over the kept activations.
  public var criticalDelayAfter: Double
  /// Each characterised weight's worst delay over the kept activations (the figure's bars).
  public var weightDelays: [(weight: Int, delay: Double)]
  /// Each grid activation's worst delay to and from the other grid values, over the pool's
  /// weights, and when it was dropped (0 for kept values, else the order of removal from 1).
  public var activationDelays: [(activation: Int, delay: Double, removedAt: Int)]

  /// Selects values (see the type's description).
  public static func select(
    power: MACPowerTable, delays: SensitisedDelays, weightCount: Int, activationCount: Int, poolSize: Int? = nil,
    targetDelay: Double? = nil
  ) throws -> ValueSelection {
    let timed = Set(delays.weights)
    let candidates = power.entries.filter { timed.contains($0.weight) }
    guard candidates.count >= 2 else {
      throw PowerPruningError("select: the power table and the delay table share \(candidates.count) weight value(s); at least 2 are needed")
    }
    guard weightCount >= 2 && weightCount <= candidates.count else {
      throw PowerPruningError("select: weight count must be between 2 and \(candidates.count) (the weights with power and delay), got \(weightCount)")
    }
    let grid = delays.activations
    guard activationCount >= 2 && activationCount <= grid.count else {
      throw PowerPruningError("select: activation count must be between 2 and \(grid.count) (the activation grid), got \(activationCount)")
    }
    guard grid.contains(0) else {
      throw PowerPruningError("select: the activation grid must contain 0 (ReLU outputs and padding are zero)")
    }
    let size = poolSize ?? min(candidates.count, 2 * weightCount)
    guard size >= weightCount && size <= candidates.count else {
      throw PowerPruningError("select: the pool must hold between \(weightCount) (the weight count) and \(candidates.count) weights, got \(size)")
    }
    // 1. Power: the cheapest weights (ties: the smaller magnitude, then the smaller value).
    let pool = candidates.sorted {
      if $0.energyPerOperation != $1.energyPerOperation { return $0.energyPerOperation < $1.energyPerOperation }
      if abs($0.weight) != abs($1.weight) { return abs($0.weight) < abs($1.weight) }
      return $0.weight < $1.weight
    }.prefix(size).map(\.weight)

    // 2. Activations: greedy removal of the value with the longest transitions among those kept.
    let n = grid.count
    let matrix = delays.worstOverWeights(pool)
    func score(_ i: Int, _ kept: [Int]) -> Double {
      kept.reduce(0.0) { max($0, matrix[i * n + $1], matrix[$1 * n + i]) }
    }
    var kept = Array(0..<n)
    var removedAt = [Int](repeating: 0, count: n)
    let initial = (0..<n).map { score($0, kept) }
    var order = 0
    while kept.count > activationCount {
      var worst = -1
      var worstScore = -1.0
      for i in kept where grid[i] != 0 {
        let s = score(i, kept)
        // Ties drop the larger magnitude first: large activations are rarer.
        if s > worstScore || (s == worstScore && abs(grid[i]) > abs(grid[worst])) {
          worst = i
          worstScore = s
        }
      }
      guard worst >= 0 else { break }
      order += 1
      removedAt[worst] = order
      kept.removeAll { $0 == worst }
    }
    let activations = kept.map { grid[$0] }.sorted()

    // 3. Weights: the timing cut, then power.
    let delayOf = Dictionary(uniqueKeysWithValues: delays.tables.map { ($0.weight, $0.worst(among: activations)) })
    let energyOf = Dictionary(uniqueKeysWithValues: candidates.map { ($0.weight, $0.energyPerOperation) })
    let fastest = pool.sorted { (delayOf[$0] ?? 0, abs($0)) < (delayOf[$1] ?? 0, abs($1)) }
    let target: Double
    if let given = targetDelay {
      let shortest = pool.compactMap { delayOf[$0] }.min() ?? 0
      guard given.isFinite, given >= shortest else {
        throw PowerPruningError(
          "select: the target delay \(picoseconds(given)) is shorter than any pool weight's sensitised path (the shortest is \(picoseconds(shortest)))")
      }
      let meeting = pool.filter { (delayOf[$0] ?? .infinity) <= given }
      guard meeting.count >= weightCount else {
        throw PowerPruningError(
          "select: only \(meeting.count) of the \(pool.count) pool weights meet the target delay \(picoseconds(given)); \(weightCount) were asked for")
      }
      target = given
    } else {
      target = delayOf[fastest[weightCount - 1]] ?? 0
    }
    let weights = pool.filter { (delayOf[$0] ?? .infinity) <= target }
      .sorted { (energyOf[$0] ?? 0, abs($0), $0) < (energyOf[$1] ?? 0, abs($1), $1) }
      .prefix(weightCount).sorted()
    guard weights.contains(where: { $0 != 0 }) else {
      throw PowerPruningError("select: the kept weights are all zero; keep more weights or widen the pool")
    }
    return ValueSelection(
      weights: Array(weights), activations: activations, pool: pool, targetDelay: target,
      criticalDelayBefore: delays.critical(),
      criticalDelayAfter: delays.critical(weights: Array(weights), among: activations),
      weightDelays: delays.tables.map { ($0.weight, $0.worst(among: activations)) },
      activationDelays: (0..<n).map { (grid[$0], initial[$0], removedAt[$0]) })
  }

  static func picoseconds(_ seconds: Double) -> String {
    String(format: "%.1f ps", seconds * 1e12)
  }
}
