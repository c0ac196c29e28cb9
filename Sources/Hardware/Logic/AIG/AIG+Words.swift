/// Multi-bit helpers on words: arrays of literals, least significant bit first.
extension AIG {
  /// The `width`-bit two's-complement (or unsigned) constant `value`.
  public static func constantWord(_ value: Int, width: Int) -> [Literal] {
    (0..<width).map { Literal.constant((value >> min($0, 63)) & 1 == 1) }
  }

  /// `word` widened to `width` bits by copying its top bit (signed) or adding zeros.
  public static func extend(_ word: [Literal], to width: Int, signed: Bool) -> [Literal] {
    guard word.count < width else { return Array(word.prefix(width)) }
    let fill: Literal = signed ? (word.last ?? .false) : .false
    return word + Array(repeating: fill, count: width - word.count)
  }

  /// `word` shifted left by `amount` bits, widened by the same amount.
  public static func shiftedLeft(_ word: [Literal], by amount: Int) -> [Literal] {
    Array(repeating: .false, count: amount) + word
  }

  /// The bitwise complement of a word.
  public static func complement(_ word: [Literal]) -> [Literal] { word.map { !$0 } }

  /// `select ? then : otherwise`, bit by bit (the words must have equal widths).
  public mutating func mux(_ select: Literal, _ then: [Literal], _ otherwise: [Literal]) -> [Literal] {
    precondition(then.count == otherwise.count, "mux of words of different widths")
    return zip(then, otherwise).map { mux(select, $0, $1) }
  }

  /// Each bit of `word` ANDed with `literal`.
  public mutating func and(_ word: [Literal], _ literal: Literal) -> [Literal] {
    word.map { and($0, literal) }
  }

  /// The rectified value of a signed word: zero when its sign bit is set, else the word.
  public mutating func relu(_ word: [Literal]) -> [Literal] {
    guard let sign = word.last else { return word }
    return word.map { and($0, !sign) }
  }
}
