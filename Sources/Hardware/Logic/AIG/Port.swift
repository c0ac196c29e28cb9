/// A named group of primary inputs or outputs read as one integer, least significant bit first.
public struct Port: Hashable, Sendable {
  /// The bus name (`a`, `product`).
  public var name: String
  /// Indices into the circuit's input or output list, least significant bit first.
  public var bits: [Int]
  /// Whether the bus holds a two's-complement number.
  public var isSigned: Bool

  /// Creates a port over `bits` (input or output indices, LSB first).
  public init(name: String, bits: [Int], isSigned: Bool) {
    self.name = name
    self.bits = bits
    self.isSigned = isSigned
  }

  /// The number of bits.
  public var width: Int { bits.count }

  /// The smallest value the port can carry.
  public var minimum: Int { isSigned ? -(1 << (width - 1)) : 0 }
  /// The largest value the port can carry.
  public var maximum: Int { isSigned ? (1 << (width - 1)) - 1 : (1 << width) - 1 }

  /// Reads the integer a pattern of bits encodes (sign-extended for signed ports).
  @inlinable public func value(fromBits raw: UInt64) -> Int {
    guard width < 64 else { return Int(bitPattern: UInt(raw)) }
    let masked = raw & ((1 << UInt64(width)) - 1)
    if isSigned && width > 0 && masked >> UInt64(width - 1) & 1 == 1 {
      return Int(masked) - (1 << width)
    }
    return Int(masked)
  }
}
