import Hardware
import Tensor

/// The operands one MAC of a weight-stationary array sees, cycle after cycle: the activation
/// streaming past and the partial sum arriving from above. The weight is what varies between
/// the entries of a power table, so it is not part of the stream.
public struct OperandStream: Sendable, Equatable {
  /// Activation levels, one per operation.
  public var activations: [Int]
  /// Partial sums, one per operation.
  public var partialSums: [Int]
  /// Where the stream came from (`network: lenet5 conv1, conv2, ...` or `random`).
  public var origin: String
  /// How many processing elements' streams were joined (each junction is one transition no
  /// array makes; with chunks of hundreds of operations they are a fraction of a percent).
  public var segments: Int

  /// Transitions in the stream (operations minus one).
  public var transitions: Int { max(0, activations.count - 1) }

  /// Creates a stream; both lists must be as long and hold at least two operations.
  public init(activations: [Int], partialSums: [Int], origin: String, segments: Int = 1) throws {
    guard activations.count == partialSums.count else {
      throw PowerPruningError("stream: \(activations.count) activations but \(partialSums.count) partial sums")
    }
    guard activations.count >= 2 else {
      throw PowerPruningError("stream: at least two operations are needed, got \(activations.count)")
    }
    self.activations = activations
    self.partialSums = partialSums
    self.origin = origin
    self.segments = segments
  }

  /// Uniform random activations over `activationRange` and partial sums of `partialSumBits`
  /// bits (two's complement): the generic stream.
  public static func random(
    transitions: Int, activationRange: ClosedRange<Int>, partialSumBits: Int, seed: UInt64
  ) throws -> OperandStream {
    guard transitions >= 1 else { throw PowerPruningError("stream: transitions must be at least 1, got \(transitions)") }
    guard (1...62).contains(partialSumBits) else {
      throw PowerPruningError("stream: partial sums of \(partialSumBits) bits are not supported (1...62)")
    }
    var random = SplitMix64(seed: seed)
    let span = UInt64(activationRange.count)
    let activations = (0...transitions).map { _ in activationRange.lowerBound + Int(random.next() % span) }
    var sums = SplitMix64(seed: seed &+ 1)
    let half = 1 << (partialSumBits - 1)
    let partial = (0...transitions).map { _ in Int(sums.next() % UInt64(1 << partialSumBits)) - half }
    return try OperandStream(activations: activations, partialSums: partial, origin: "random", segments: 1)
  }

  /// Operands sampled from the processing elements of `array` running `layers`: each segment
  /// is one PE's activation column `A[m][k]` for `chunk` consecutive vectors `m` (all if
  /// fewer), with the partial sums the PEs above it in its weight tile really pass down,
  /// `sum_{k' < k in the tile} A[m][k'] W[k'][n]`. Layers are drawn in proportion to their
  /// MACs, the PE and the starting vector uniformly, from `seed`.
  public static func sampled(
    from layers: [IntegerLayer], array: SystolicArray, transitions: Int, chunk: Int = 256, seed: UInt64
  ) throws -> OperandStream {
    guard !layers.isEmpty else { throw PowerPruningError("stream: no layers to sample") }
    guard transitions >= 1 else { throw PowerPruningError("stream: transitions must be at least 1, got \(transitions)") }
    guard chunk >= 2 else { throw PowerPruningError("stream: chunks must hold at least 2 operations, got \(chunk)") }
    let macs = layers.map { Double($0.shape.macs) }
    let total = macs.reduce(0, +)
    var random = SplitMix64(seed: seed)
    func uniform(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
    var activations: [Int] = []
    var partial: [Int] = []
    activations.reserveCapacity(transitions + 1)
    partial.reserveCapacity(transitions + 1)
    var segments = 0
    while activations.count < transitions + 1 {
      var pick = Double(random.next() >> 11) / Double(1 << 53) * total
      var index = 0
      while index < layers.count - 1 && pick >= macs[index] {
        pick -= macs[index]
        index += 1
      }
      let layer = layers[index]
      let (m, k, n) = (layer.shape.m, layer.shape.k, layer.shape.n)
      let column = uniform(n), row = uniform(k)
      let tileStart = row - row % array.rows
      let length = min(chunk, m, transitions + 1 - activations.count)
      let start = m > length ? uniform(m - length + 1) : 0
      for v in start..<(start + length) {
        activations.append(layer.activations[v * k + row])
        var sum = 0
        for r in tileStart..<row { sum += layer.activations[v * k + r] * layer.weights[r * n + column] }
        partial.append(sum)
      }
      segments += 1
    }
    let names = layers.map(\.path).joined(separator: ", ")
    return try OperandStream(activations: activations, partialSums: partial, origin: "network: \(names)", segments: segments)
  }

  /// The stream's partial sums must fit `bits` bits (two's complement); throws naming the first that does not.
  public func checkPartialSums(fit bits: Int) throws {
    let limit = 1 << (bits - 1)
    if let bad = partialSums.first(where: { $0 < -limit || $0 >= limit }) {
      throw PowerPruningError("stream: partial sum \(bad) does not fit the MAC's \(bits)-bit accumulator")
    }
  }
}
