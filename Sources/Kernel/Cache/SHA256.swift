/// SHA-256 (FIPS 180-4), for the cell cache's keys and checksums.
///
/// Kernel imports only Foundation, which has no hash on Linux; this is the reference
/// algorithm, fast enough for model weights and data sets in a release build.
public struct SHA256 {
  private var state: [UInt32] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
  ]
  private var buffer: [UInt8] = []
  private var length: UInt64 = 0

  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]

  /// A fresh hash.
  public init() {}

  /// The digest of `bytes`.
  public static func digest<Bytes: Collection>(_ bytes: Bytes) -> Digest where Bytes.Element == UInt8 {
    var hash = SHA256()
    hash.update(bytes)
    return hash.finish()
  }

  /// Adds bytes.
  public mutating func update<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    length &+= UInt64(bytes.count)
    if let done = bytes.withContiguousStorageIfAvailable({ absorb($0) }) {
      _ = done
    } else {
      let copy = Array(bytes)
      copy.withUnsafeBufferPointer { absorb($0) }
    }
  }

  private mutating func absorb(_ bytes: UnsafeBufferPointer<UInt8>) {
    var offset = 0
    if !buffer.isEmpty {
      let take = min(64 - buffer.count, bytes.count)
      buffer.append(contentsOf: bytes[0..<take])
      offset = take
      if buffer.count == 64 {
        let block = buffer
        block.withUnsafeBufferPointer { compress($0.baseAddress!) }
        buffer.removeAll(keepingCapacity: true)
      }
    }
    while bytes.count - offset >= 64 {
      compress(bytes.baseAddress! + offset)
      offset += 64
    }
    if offset < bytes.count { buffer.append(contentsOf: bytes[offset...]) }
  }

  /// Adds a string's UTF-8 bytes, preceded by their count (so fields cannot run into each other).
  public mutating func update(field text: String) {
    update(count: text.utf8.count)
    update(Array(text.utf8))
  }

  /// Adds a count as 8 little-endian bytes.
  public mutating func update(count: Int) {
    var value = UInt64(UInt(bitPattern: count)).littleEndian
    withUnsafeBytes(of: &value) { update(Array($0)) }
  }

  /// The digest of everything added.
  public mutating func finish() -> Digest {
    let bits = length &* 8
    var tail: [UInt8] = [0x80]
    let padding = (56 - Int((length + 1) % 64) + 64) % 64
    tail += [UInt8](repeating: 0, count: padding)
    for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    let savedLength = length
    tail.withUnsafeBufferPointer { absorb($0) }
    length = savedLength
    var bytes: [UInt8] = []
    bytes.reserveCapacity(32)
    for word in state {
      bytes += [UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word)]
    }
    return Digest(bytes: bytes)
  }

  @inline(__always)
  private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

  private mutating func compress(_ block: UnsafePointer<UInt8>) {
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
      compress(block, w.baseAddress!)
    }
  }

  private mutating func compress(_ block: UnsafePointer<UInt8>, _ w: UnsafeMutablePointer<UInt32>) {
    for i in 0..<16 {
      w[i] = UInt32(block[4 * i]) << 24 | UInt32(block[4 * i + 1]) << 16 | UInt32(block[4 * i + 2]) << 8 | UInt32(block[4 * i + 3])
    }
    for i in 16..<64 {
      let s0 = Self.rotr(w[i - 15], 7) ^ Self.rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
      let s1 = Self.rotr(w[i - 2], 17) ^ Self.rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
      w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
    }
    var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
    Self.k.withUnsafeBufferPointer { k in
    for i in 0..<64 {
      let s1 = Self.rotr(e, 6) ^ Self.rotr(e, 11) ^ Self.rotr(e, 25)
      let ch = (e & f) ^ (~e & g)
      let t1 = h &+ s1 &+ ch &+ k[i] &+ w[i]
      let s0 = Self.rotr(a, 2) ^ Self.rotr(a, 13) ^ Self.rotr(a, 22)
      let maj = (a & b) ^ (a & c) ^ (b & c)
      let t2 = s0 &+ maj
      h = g
      g = f
      f = e
      e = d &+ t1
      d = c
      c = b
      b = a
      a = t1 &+ t2
    }
    }
    state[0] &+= a
    state[1] &+= b
    state[2] &+= c
    state[3] &+= d
    state[4] &+= e
    state[5] &+= f
    state[6] &+= g
    state[7] &+= h
  }
}

/// A 32-byte SHA-256 digest.
public struct Digest: Hashable, Sendable, CustomStringConvertible {
  /// The bytes.
  public let bytes: [UInt8]

  /// Wraps 32 bytes.
  public init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// Lower-case hexadecimal.
  public var hex: String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(64)
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 15)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// ``hex``.
  public var description: String { hex }

  /// Parses 64 hexadecimal digits.
  public init?(hex: String) {
    let utf8 = Array(hex.utf8)
    guard utf8.count == 64 else { return nil }
    var bytes: [UInt8] = []
    for i in stride(from: 0, to: 64, by: 2) {
      guard let high = Digest.nibble(utf8[i]), let low = Digest.nibble(utf8[i + 1]) else { return nil }
      bytes.append(high << 4 | low)
    }
    self.bytes = bytes
  }

  private static func nibble(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    default: return nil
    }
  }
}
