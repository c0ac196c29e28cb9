import Hardware
import Tensor

/// The largest elementwise difference of two tensors of the same shape.
func maximumDifference(_ a: Tensor, _ b: Tensor) -> Float {
  precondition(a.shape == b.shape, "shapes \(a.shape) and \(b.shape)")
  return zip(a.scalars, b.scalars).reduce(0) { Swift.max($0, Swift.abs($1.0 - $1.1)) }
}

/// The mean of a tensor's elements, in double precision.
func meanValue(_ x: Tensor) -> Double {
  x.scalars.reduce(0) { $0 + Double($1) } / Double(Swift.max(x.count, 1))
}

/// A crossbar configuration for the tests; the arguments are valid by construction.
func testConfiguration(
  rows: Int = 128, columns: Int = 128, levels: Int? = nil, dacBits: Int? = nil, adcBits: Int? = nil
) -> CrossbarConfiguration {
  do {
    return try CrossbarConfiguration(rows: rows, columns: columns, levels: levels, dacBits: dacBits, adcBits: adcBits)
  } catch {
    preconditionFailure("test configuration: \(error)")
  }
}
