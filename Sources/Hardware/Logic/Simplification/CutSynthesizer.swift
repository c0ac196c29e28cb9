import Foundation

/// A small AND structure over up to four leaves: how a cut's function is rebuilt.
///
/// References pack `2 * index + complement`, where index 0 is the constant false, 1...4
/// the leaves and 5... the gates in order.
struct SmallStructure {
  var gates: [(UInt16, UInt16)] = []
  var output: UInt16 = 0

  static let firstGate: UInt16 = 5
}

/// Re-synthesises functions of up to four variables into small AND structures, choosing
/// among decompositions the one with the fewest AND nodes (counted as a tree).
///
/// Tried: constants and literals; for each variable, AND/OR with it (a cofactor is
/// constant), XOR with it (the cofactors are complements), and the Shannon mux; for each
/// split of the support into two parts, AND, OR and XOR bi-decompositions. Results are
/// memoised per truth table, complements sharing an entry.
struct CutSynthesizer {
  /// One synthesizer shared by every rewrite, so each function is synthesised once per process.
  static let shared = SharedCutSynthesizer()

  indirect enum Expression {
    case constant(Bool)
    case leaf(Int, Bool)
    case and(Expression, Expression, Bool)

    var complemented: Expression {
      switch self {
      case .constant(let v): return .constant(!v)
      case .leaf(let i, let c): return .leaf(i, !c)
      case .and(let a, let b, let c): return .and(a, b, !c)
      }
    }
  }

  var memo: [UInt16: (cost: Int, expression: Expression)] = [:]
  var structures = [SmallStructure?](repeating: nil, count: 1 << 16)

  /// The structure rebuilding `tt` (variables 0...3 are leaves 0...3).
  mutating func structure(for tt: UInt16) -> SmallStructure {
    if let s = structures[Int(tt)] { return s }
    let s = flatten(best(tt).expression)
    structures[Int(tt)] = s
    return s
  }

  /// The cheapest expression found for `tt`, with its tree cost in AND nodes.
  mutating func best(_ tt: UInt16) -> (cost: Int, expression: Expression) {
    if tt & 1 == 1 {
      let r = best(~tt)
      return (r.cost, r.expression.complemented)
    }
    if let r = memo[tt] { return r }
    let r = search(tt)
    memo[tt] = r
    return r
  }

  mutating func search(_ tt: UInt16) -> (cost: Int, expression: Expression) {
    if tt == 0 { return (0, .constant(false)) }
    let support = (0..<4).filter { TruthTable4.dependsOn(tt, $0) }
    if support.count == 1 {
      let v = support[0]
      return (0, .leaf(v, tt != TruthTable4.variables[v]))
    }
    var bestCost = Int.max
    var bestExpression = Expression.constant(false)
    func consider(_ cost: Int, _ expression: @autoclosure () -> Expression) {
      if cost < bestCost {
        bestCost = cost
        bestExpression = expression()
      }
    }
    for v in support {
      let f0 = TruthTable4.cofactor(tt, v, false), f1 = TruthTable4.cofactor(tt, v, true)
      let x = Expression.leaf(v, false)
      if f0 == 0 {
        let g = best(f1)
        consider(1 + g.cost, .and(x, g.expression, false))
      } else if f1 == 0 {
        let g = best(f0)
        consider(1 + g.cost, .and(x.complemented, g.expression, false))
      } else if f0 == 0xFFFF {
        let g = best(~f1)
        consider(1 + g.cost, .and(x, g.expression, true))
      } else if f1 == 0xFFFF {
        let g = best(~f0)
        consider(1 + g.cost, .and(x.complemented, g.expression, true))
      } else if f0 == ~f1 {
        let g = best(f0)
        consider(3 + g.cost, CutSynthesizer.xor(x, g.expression))
      } else {
        let g0 = best(f0), g1 = best(f1)
        consider(3 + g0.cost + g1.cost, .and(.and(x, g1.expression, true), .and(x.complemented, g0.expression, true), true))
      }
    }
    // Bi-decompositions over a split of the support.
    if support.count >= 2 {
      for mask in 1..<((1 << support.count) - 1) {
        let first = support.enumerated().filter { mask >> $0.offset & 1 == 1 }.map(\.element)
        let second = support.enumerated().filter { mask >> $0.offset & 1 == 0 }.map(\.element)
        guard first.first! < second.first! else { continue }
        let g = CutSynthesizer.exists(tt, second), h = CutSynthesizer.exists(tt, first)
        if g & h == tt {
          let a = best(g), b = best(h)
          consider(1 + a.cost + b.cost, .and(a.expression, b.expression, false))
        }
        let gu = CutSynthesizer.forall(tt, second), hu = CutSynthesizer.forall(tt, first)
        if gu | hu == tt {
          let a = best(~gu), b = best(~hu)
          consider(1 + a.cost + b.cost, .and(a.expression, b.expression, true))
        }
        let gx = CutSynthesizer.zero(tt, second)
        let hx = CutSynthesizer.zero(tt, first) ^ (tt & 1 == 1 ? 0xFFFF : 0)
        if gx ^ hx == tt {
          let a = best(gx), b = best(hx)
          consider(3 + a.cost + b.cost, CutSynthesizer.xor(a.expression, b.expression))
        }
      }
    }
    return (bestCost, bestExpression)
  }

  static func xor(_ a: Expression, _ b: Expression) -> Expression {
    .and(.and(a, b, true), .and(a.complemented, b.complemented, true), false)
  }

  static func exists(_ tt: UInt16, _ vars: [Int]) -> UInt16 {
    vars.reduce(tt) { TruthTable4.cofactor($0, $1, false) | TruthTable4.cofactor($0, $1, true) }
  }

  static func forall(_ tt: UInt16, _ vars: [Int]) -> UInt16 {
    vars.reduce(tt) { TruthTable4.cofactor($0, $1, false) & TruthTable4.cofactor($0, $1, true) }
  }

  static func zero(_ tt: UInt16, _ vars: [Int]) -> UInt16 {
    vars.reduce(tt) { TruthTable4.cofactor($0, $1, false) }
  }

  /// The expression as gates, identical sub-expressions shared.
  func flatten(_ expression: Expression) -> SmallStructure {
    var s = SmallStructure()
    var index: [UInt32: UInt16] = [:]
    func emit(_ e: Expression) -> UInt16 {
      switch e {
      case .constant(let v): return v ? 1 : 0
      case .leaf(let i, let c): return UInt16(1 + i) << 1 | (c ? 1 : 0)
      case .and(let a, let b, let c):
        let x = emit(a), y = emit(b)
        let key = UInt32(min(x, y)) << 16 | UInt32(max(x, y))
        let gate: UInt16
        if let g = index[key] {
          gate = g
        } else {
          gate = SmallStructure.firstGate + UInt16(s.gates.count)
          s.gates.append((min(x, y), max(x, y)))
          index[key] = gate
        }
        return gate << 1 | (c ? 1 : 0)
      }
    }
    s.output = emit(expression)
    return s
  }
}

/// A `CutSynthesizer` behind a lock, shared between threads.
final class SharedCutSynthesizer: @unchecked Sendable {
  private let lock = NSLock()
  private var synthesizer = CutSynthesizer()

  /// The structure rebuilding `tt` (see `CutSynthesizer.structure(for:)`).
  func structure(for tt: UInt16) -> SmallStructure {
    lock.lock()
    defer { lock.unlock() }
    return synthesizer.structure(for: tt)
  }
}
