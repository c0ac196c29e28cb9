/// A reference to an and-inverter-graph node, possibly complemented, stored as `2 * node + complement`.
///
/// Node 0 is the constant false, so literal 0 is false and literal 1 is true.
public struct Literal: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The packed form `2 * node + complement`.
  public let raw: UInt32

  /// Creates a literal from its packed form.
  @inlinable public init(raw: UInt32) { self.raw = raw }

  /// Creates a literal pointing at `node`, complemented if `complemented`.
  @inlinable public init(node: Int, complemented: Bool = false) {
    raw = UInt32(truncatingIfNeeded: node) &<< 1 | (complemented ? 1 : 0)
  }

  /// The constant false.
  public static let `false` = Literal(raw: 0)
  /// The constant true.
  public static let `true` = Literal(raw: 1)

  /// Returns the constant literal for `value`.
  @inlinable public static func constant(_ value: Bool) -> Literal { value ? .true : .false }

  /// The node the literal points at.
  @inlinable public var node: Int { Int(raw >> 1) }
  /// Whether the edge is complemented.
  @inlinable public var isComplemented: Bool { raw & 1 == 1 }
  /// Whether the literal is one of the two constants.
  @inlinable public var isConstant: Bool { raw < 2 }
  /// The same node without complement.
  @inlinable public var regular: Literal { Literal(raw: raw & ~1) }

  /// The complemented literal.
  @inlinable public static prefix func ! (x: Literal) -> Literal { Literal(raw: x.raw ^ 1) }

  /// The literal complemented when `condition` holds.
  @inlinable public func complemented(if condition: Bool) -> Literal {
    Literal(raw: raw ^ (condition ? 1 : 0))
  }

  /// Orders by the packed form, so that fanins can be stored in a canonical order.
  @inlinable public static func < (a: Literal, b: Literal) -> Bool { a.raw < b.raw }

  /// `n12` or `!n12`; constants print as `0` and `1`.
  public var description: String {
    if isConstant { return raw == 0 ? "0" : "1" }
    return (isComplemented ? "!" : "") + "n\(node)"
  }
}
