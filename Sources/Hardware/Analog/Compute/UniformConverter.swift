import Tensor

/// A uniform data converter (an input DAC or a column ADC): `bits` of resolution over a fixed range.
///
/// Signed converters cover `[-range, range]` with `2^(bits-1) - 1` steps each side of zero (zero
/// is exact and the code is symmetric); unsigned ones cover `[0, range]` with `2^bits - 1` steps.
/// Values outside the range saturate. Ranges are fixed when the crossbar is calibrated, as in
/// hardware, not per batch.
public struct UniformConverter: Equatable, Sendable {
  /// The resolution in bits.
  public let bits: Int
  /// The full-scale magnitude.
  public let range: Float
  /// Whether negative values are representable.
  public let signed: Bool

  /// Creates a converter; `bits` must be within the supported resolutions and `range` positive.
  public init(bits: Int, range: Float, signed: Bool) throws {
    let supported = RRAMAssumptions.minimumConverterBits...RRAMAssumptions.maximumConverterBits
    guard supported.contains(bits) else {
      throw CrossbarError(
        .invalidSetting, "converter resolution must be \(supported.lowerBound) to \(supported.upperBound) bits, got \(bits)")
    }
    guard range.isFinite, range > 0 else {
      throw CrossbarError(.invalidSetting, "converter range must be a positive number, got \(range)")
    }
    self.bits = bits
    self.range = range
    self.signed = signed
  }

  /// The number of steps from zero to full scale.
  public var stepsToFullScale: Int { signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1 }

  /// The value of one least significant bit.
  public var step: Float { range / Float(stepsToFullScale) }

  /// The lowest representable value.
  public var lowerBound: Float { signed ? -range : 0 }

  /// The value the converter outputs for `x`: clipped to the range and rounded to the nearest step.
  @inline(__always)
  public func convert(_ x: Float) -> Float {
    let clipped = Swift.min(Swift.max(x, lowerBound), range)
    return (clipped * (1 / step)).rounded(.toNearestOrEven) * step
  }

  /// Converts every element of `x`.
  public func convert(_ x: Tensor) -> Tensor {
    var y = x
    convert(inPlace: &y)
    return y
  }

  /// Converts every element of `x` in place.
  public func convert(inPlace x: inout Tensor) {
    let (low, high, step, inverse) = (lowerBound, range, step, 1 / step)
    let n = x.count
    x.scalars.withUnsafeMutableBufferPointer { buffer in
      guard let p = buffer.baseAddress else { return }
      // One pass without calls, so the compiler vectorises the clip, scale and round.
      for i in 0..<n {
        let clipped = Swift.min(Swift.max(p[i], low), high)
        p[i] = (clipped * inverse).rounded(.toNearestOrEven) * step
      }
    }
  }
}
