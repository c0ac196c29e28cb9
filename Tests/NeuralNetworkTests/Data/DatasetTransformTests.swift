import Foundation
import Testing
import Tensor
@testable import NeuralNetwork

@Suite("Dataset transforms")
struct DatasetTransformTests {
  /// Two 1-channel 4x4 images holding 0...15 and 16...31.
  static let images = Dataset(
    inputs: Tensor(shape: [2, 1, 4, 4], scalars: (0..<32).map(Float.init)), labels: [0, 1], classCount: 2)

  @Test("padding centres the image in zeros")
  func padding() throws {
    let padded = try Self.images.padded(toSide: 6)
    #expect(padded.inputs.shape == [2, 1, 6, 6])
    #expect(Array(padded.inputs.scalars[0..<6]) == [0, 0, 0, 0, 0, 0])
    #expect(Array(padded.inputs.scalars[6..<12]) == [0, 0, 1, 2, 3, 0])
    let total: Float = padded.inputs.scalars.reduce(0, +)
    #expect(total == 496)
    #expect(throws: DataError.self) { try Self.images.padded(toSide: 3) }
  }

  @Test("average pooling averages each window")
  func pooling() throws {
    let pooled = try Self.images.downsampled(toSide: 2)
    #expect(pooled.inputs.shape == [2, 1, 2, 2])
    #expect(pooled.inputs.scalars == [2.5, 4.5, 10.5, 12.5, 18.5, 20.5, 26.5, 28.5])
    #expect(throws: DataError.self) { try Self.images.downsampled(toSide: 3) }
    #expect(throws: DataError.self) { try Self.images.flattened().averagePooled(factor: 2) }
  }

  @Test("flattening and normalising")
  func flattenAndNormalise() throws {
    let flat = Self.images.flattened()
    #expect(flat.inputs.shape == [2, 16])
    #expect(flat.inputs.scalars == Self.images.inputs.scalars)
    let (mean, std) = Self.images.inputStatistics()
    #expect(abs(mean - 15.5) < 1e-5)
    #expect(abs(std - Float((0..<32).map { pow(Double($0) - 15.5, 2) }.reduce(0, +) / 32).squareRoot()) < 1e-4)
    let normal = try Self.images.normalized(mean: mean, std: std).inputStatistics()
    #expect(abs(normal.mean) < 1e-5 && abs(normal.std - 1) < 1e-5)
    #expect(throws: DataError.self) { try Self.images.normalized(mean: 0, std: 0) }
  }
}
