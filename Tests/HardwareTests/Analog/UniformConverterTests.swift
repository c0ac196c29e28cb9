import Hardware
import Tensor
import Testing

@Suite("Converters")
struct UniformConverterTests {
  @Test(arguments: [2, 4, 8])
  func errorInsideTheRangeIsAtMostHalfAStep(bits: Int) throws {
    let converter = try UniformConverter(bits: bits, range: 3, signed: true)
    #expect(converter.stepsToFullScale == (1 << (bits - 1)) - 1)
    let x = Tensor(randomUniform: [10_000], lower: -3, upper: 3, seed: 1)
    let y = converter.convert(x)
    #expect(maximumDifference(x, y) <= converter.step / 2 * 1.0001)
    // Outputs are whole steps within the range.
    #expect(y.scalars.allSatisfy { abs($0 / converter.step - ($0 / converter.step).rounded()) < 1e-3 && abs($0) <= 3 })
    #expect(converter.convert(0) == 0)
  }

  @Test func valuesOutsideTheRangeSaturate() throws {
    let signed = try UniformConverter(bits: 4, range: 1, signed: true)
    #expect(signed.convert(Tensor([5, -7, 0.5])).scalars == [1, -1, signed.convert(0.5)])
    let unsigned = try UniformConverter(bits: 3, range: 7, signed: false)
    #expect(unsigned.step == 1)
    #expect(unsigned.convert(Tensor([-2, 3.4, 3.6, 9])).scalars == [0, 3, 4, 7])
  }

  @Test func scalarAndTensorConversionsAgree() throws {
    let converter = try UniformConverter(bits: 5, range: 2.5, signed: true)
    let x = Tensor(randomUniform: [1000], lower: -3, upper: 3, seed: 2)
    #expect(converter.convert(x).scalars == x.scalars.map(converter.convert))
  }

  @Test func rejectsInvalidConverters() {
    #expect(throws: CrossbarError.self) { try UniformConverter(bits: 1, range: 1, signed: true) }
    #expect(throws: CrossbarError.self) { try UniformConverter(bits: 8, range: 0, signed: true) }
  }

  @Test func calibrationSpansTheObservedValues() throws {
    var calibration = ConverterCalibration()
    calibration.observe(inputs: Tensor([0, 2, 0.5]), partialSums: [Tensor([-4, 1]), Tensor([3])])
    calibration.observe(inputs: Tensor([1, 3]), partialSums: [Tensor([2])])
    let converters = try calibration.converters(for: testConfiguration(dacBits: 4, adcBits: 6))
    #expect(converters.dac == (try UniformConverter(bits: 4, range: 3, signed: false)))
    #expect(converters.adc == (try UniformConverter(bits: 6, range: 4, signed: true)))
    #expect(try calibration.converters(for: testConfiguration()).isIdeal)
  }
}
