import Testing

@testable import Tensor

@Suite("Gradients of reductions and shape operations")
struct ReductionGradientTests {
  let x = Tensor(randomNormal: [2, 3, 4], seed: 11)

  @Test func sumAndMean() throws {
    try checkGradients([x]) { $0[0].sum() }
    try checkGradients([x]) { $0[0].mean() }
  }

  @Test(arguments: [0, 1, 2, -1])
  func sumAndMeanAlongAxis(_ axis: Int) throws {
    try checkGradients([x]) { try $0[0].sum(alongAxis: axis) }
    try checkGradients([x]) { try $0[0].mean(alongAxis: axis, keepingDimension: true) }
  }

  /// On values 0.1 apart (a permutation of -1.2, -1.1, ..., 1.1), so no perturbation changes
  /// which element is the maximum and every element's difference quotient is exact.
  @Test(arguments: [0, 1, 2])
  func maxAlongAxis(_ axis: Int) throws {
    let distinct = Tensor(shape: [2, 3, 4], scalars: (0..<24).map { Float(($0 * 7) % 24) * 0.1 - 1.2 })
    try checkGradients([distinct]) { try $0[0].max(alongAxis: axis) }
  }

  @Test func reshapeFlattenTransposePermute() throws {
    try checkGradients([x]) { try $0[0].reshaped(to: [4, -1]) }
    try checkGradients([Tensor(randomNormal: [2, 3, 2, 2], seed: 12)]) { $0[0].flattened() }
    try checkGradients([Tensor(randomNormal: [3, 5], seed: 13)]) { $0[0].transposed() }
    try checkGradients([x]) { try $0[0].permuted([2, 0, 1]) }
  }

  @Test func concatenateAndIndexSelect() throws {
    let y = Tensor(randomNormal: [2, 2, 4], seed: 14)
    try checkGradients([x, y]) { try Variable.concatenate([$0[0], $0[1]], alongAxis: 1) }
    try checkGradients([x]) { try $0[0].indexSelect(alongAxis: 1, indices: [2, 0, 2]) }
  }

  @Test func downsampleAndChannelPadding() throws {
    let image = Tensor(randomNormal: [2, 2, 5, 4], seed: 15)
    try checkGradients([image]) { try $0[0].downsampled(stride: 2) }
    try checkGradients([image]) { try $0[0].paddingChannels(before: 1, after: 2) }
  }
}
