import Tensor

/// The converters of one mapped layer: the input DACs and the column ADCs, with fixed ranges.
public struct CrossbarConverters: Equatable, Sendable {
  /// The DAC every input goes through, or nil for ideal inputs.
  public var dac: UniformConverter?
  /// The ADC every tile's column output (a partial sum) goes through, or nil for ideal outputs.
  public var adc: UniformConverter?

  /// Creates the converters of a layer.
  public init(dac: UniformConverter? = nil, adc: UniformConverter? = nil) {
    self.dac = dac
    self.adc = adc
  }

  /// No quantisation anywhere.
  public static let ideal = CrossbarConverters()

  /// Whether neither inputs nor outputs are quantised.
  public var isIdeal: Bool { dac == nil && adc == nil }
}

/// The ranges a layer's converters need, gathered by running nominal inputs through the crossbar.
///
/// Hardware fixes converter ranges once, at calibration: the DAC spans the largest input
/// magnitude seen (unsigned when no input was negative, as after a ReLU), the ADC the largest
/// partial-sum magnitude of any tile column. Under variation the values can leave these
/// ranges; the converters then saturate, as real ones do.
public struct ConverterCalibration: Equatable, Sendable {
  /// The smallest input seen.
  public private(set) var inputMinimum: Float = 0
  /// The largest input seen.
  public private(set) var inputMaximum: Float = 0
  /// The largest partial-sum magnitude seen.
  public private(set) var partialSumMagnitude: Float = 0
  /// Whether anything was observed.
  public private(set) var isEmpty = true

  /// An empty calibration.
  public init() {}

  /// Records a batch of inputs and the partial sums they produce.
  public mutating func observe(inputs: Tensor, partialSums: [Tensor]) {
    let (low, high) = AnalogKernels.extrema(inputs)
    if isEmpty {
      (inputMinimum, inputMaximum) = (low, high)
    } else {
      inputMinimum = Swift.min(inputMinimum, low)
      inputMaximum = Swift.max(inputMaximum, high)
    }
    for sums in partialSums { partialSumMagnitude = Swift.max(partialSumMagnitude, AnalogKernels.maximumMagnitude(sums)) }
    isEmpty = false
  }

  /// The converters of `configuration`'s resolutions over the observed ranges.
  ///
  /// A range that stayed zero (all inputs or sums zero) becomes 1, so the converter is valid
  /// and still maps zero to zero.
  public func converters(for configuration: CrossbarConfiguration) throws -> CrossbarConverters {
    let signedInputs = inputMinimum < 0
    let inputRange = Swift.max(Swift.abs(inputMinimum), Swift.abs(inputMaximum))
    return CrossbarConverters(
      dac: try configuration.dacBits.map {
        try UniformConverter(bits: $0, range: inputRange > 0 ? inputRange : 1, signed: signedInputs)
      },
      adc: try configuration.adcBits.map {
        try UniformConverter(bits: $0, range: partialSumMagnitude > 0 ? partialSumMagnitude : 1, signed: true)
      })
  }
}
