import Testing
@testable import NeuralNetwork

@Suite("Synthetic data")
struct SyntheticDataTests {
  @Test("blobs have the asked shape, balanced classes and scatter around their centres")
  func blobs() throws {
    let data = try SyntheticData.blobs(classes: 4, dimensions: 3, perClass: 500, spread: 0.5, seed: 2)
    #expect(data.inputs.shape == [2000, 3])
    #expect(data.classCounts == [500, 500, 500, 500])
    #expect(Array(data.labels.prefix(5)) == [0, 1, 2, 3, 0])
    // The sample deviation of each cluster is the spread.
    for c in 0..<4 {
      let rows = data.labels.indices.filter { data.labels[$0] == c }
      let xs = rows.map { data.inputs.scalars[$0 * 3] }
      let mean = xs.reduce(0, +) / Float(xs.count)
      let std = (xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(xs.count)).squareRoot()
      #expect(abs(std - 0.5) < 0.05)
    }
    #expect(try SyntheticData.blobs(seed: 2).inputs.scalars == SyntheticData.blobs(seed: 2).inputs.scalars)
    #expect(try SyntheticData.blobs(seed: 2).inputs.scalars != SyntheticData.blobs(seed: 3).inputs.scalars)
    #expect(throws: DataError.self) { try SyntheticData.blobs(classes: 0) }
  }

  @Test("spirals lie within the unit disc, radius growing along each arm")
  func spirals() throws {
    let data = try SyntheticData.spirals(arms: 3, perArm: 200, noise: 0.1, seed: 1)
    #expect(data.inputs.shape == [600, 2])
    #expect(data.classCounts == [200, 200, 200])
    let points = data.inputs.scalars
    let radii: [Float] = (0..<600).map { (i: Int) -> Float in
      let x = points[2 * i]
      let y = points[2 * i + 1]
      return (x * x + y * y).squareRoot()
    }
    #expect(radii.allSatisfy { $0 <= 1.0001 })
    #expect(abs(radii[599] - 1) < 1e-4 && radii[0] < 0.01)
    #expect(try SyntheticData.spirals(seed: 5).inputs.scalars == SyntheticData.spirals(seed: 5).inputs.scalars)
    #expect(try SyntheticData.spirals(seed: 5).inputs.scalars != SyntheticData.spirals(seed: 6).inputs.scalars)
  }
}
