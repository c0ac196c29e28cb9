import Foundation
import Testing

@testable import NeuralNetwork
@testable import Tensor

/// Whole models against finite differences: the tape's gradient of the summed cross-entropy
/// with respect to every parameter tensor, probed at its largest element and at random ones,
/// each compared with a central difference relative to itself.
///
/// A ReLU network has many units near the kink: a large step averages slopes across it (at 1e-3
/// a batch-norm bias's difference in the ResNet below was 20% off), while a small one lets the
/// Float32 forward pass's round-off through (batch statistics in training mode). Each element
/// is therefore differenced at up to three steps, 1e-3, 3e-4 and 1e-4, and must match at one of them
/// to `tolerance` of itself: a zero, sign-flipped or scaled gradient matches at none. The loss
/// is summed in Double from the logits.
@Suite("Gradients of whole models")
struct ModelGradientTests {
  /// The summed cross-entropy of `logits`, in Double (so the differences are not Float round-off).
  static func loss(_ logits: Tensor, _ labels: [Int]) -> Double {
    let classes = logits.shape[1]
    var total = 0.0
    for (n, label) in labels.enumerated() {
      let row = (0..<classes).map { Double(logits.scalars[n * classes + $0]) }
      let top = row.max() ?? 0
      total += top + Foundation.log(row.map { Foundation.exp($0 - top) }.reduce(0, +)) - row[label]
    }
    return total
  }

  static let steps: [Float] = [1e-3, 3e-4, 1e-4]

  /// Checks every parameter tensor of `model` at `probes` random elements and its largest one:
  /// `|analytic - numeric| <= tolerance * max(|numeric|, floor)` at one of the steps.
  static func check(
    _ model: Model, inputs: Tensor, labels: [Int], training: Bool, probes: Int = 2,
    tolerance: Double = 2e-2, floor: Double = 1e-2, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let tape = Tape()
    let logits = try model.forward(Variable(inputs), context: ForwardContext(training: training, tape: tape))
    tape.backward(try logits.crossEntropy(labels: labels, reduction: .sum))
    var random = SeededGenerator(seed: 5)
    var checked = 0
    for (name, parameter) in model.namedParameters {
      let analytic = try #require(parameter.gradient, "\(name) has no gradient", sourceLocation: sourceLocation)
      let largest = analytic.scalars.indices.max { abs(analytic.scalars[$0]) < abs(analytic.scalars[$1]) } ?? 0
      let indices = [largest] + (0..<probes).map { _ in random.nextInt(below: analytic.count) }
      let original = parameter.value
      for j in indices {
        var numerics: [Double] = []
        var errors: [Double] = []
        for epsilon in steps where errors.allSatisfy({ $0 > tolerance }) {
          var plus = original
          var minus = original
          plus.scalars[j] += epsilon
          minus.scalars[j] -= epsilon
          let step = Double(plus.scalars[j]) - Double(minus.scalars[j])
          parameter.value = plus
          let up = loss(try model.forward(Variable(inputs), context: ForwardContext(training: training)).value, labels)
          parameter.value = minus
          let down = loss(try model.forward(Variable(inputs), context: ForwardContext(training: training)).value, labels)
          parameter.value = original
          numerics.append((up - down) / step)
          errors.append(abs(Double(analytic.scalars[j]) - numerics.last!) / max(abs(numerics.last!), floor))
        }
        #expect(
          errors.min()! <= tolerance, "\(name)[\(j)]: analytic \(analytic.scalars[j]), numeric \(numerics) at steps \(steps)",
          sourceLocation: sourceLocation)
        checked += 1
      }
    }
    #expect(checked >= 3 * model.namedParameters.count, sourceLocation: sourceLocation)
    // The largest element of the first layer's gradient is not about zero: the check has teeth.
    let first = try #require(model.namedParameters.first?.parameter.gradient)
    #expect(first.scalars.map { abs(Double($0)) }.max() ?? 0 > 2 * floor, sourceLocation: sourceLocation)
    model.clearGradients()
  }

  static func batch(_ shape: [Int], classes: Int, seed: UInt64) -> (Tensor, [Int]) {
    let count = shape[0]
    return (Tensor(randomNormal: shape, seed: seed), (0..<count).map { $0 % classes })
  }

  @Test func lenet5() throws {
    let model = try Model(architecture: .lenet5(classes: 4, inputShape: [1, 12, 12]), seed: 3)
    let (x, y) = Self.batch([4, 1, 12, 12], classes: 4, seed: 1)
    try Self.check(model, inputs: x, labels: y, training: true)
  }

  /// Elements of the ResNet's gradient below 0.03 are compared to 3% of 0.03 (9e-4): some ReLU
  /// inputs sit within 2e-5 of the kink (in a zero-padded channel after stage 2's first block),
  /// closer than any usable step, so every step averages the slopes on both sides for them.
  /// The largest element of each tensor (about 0.1 to 0.3) is still held to 3% of itself.
  static let resnetTolerance = (tolerance: 3e-2, floor: 3e-2)

  /// Option A shortcuts (stride-2 subsampling, zero-padded channels) and batch norm in training
  /// mode, whose batch statistics depend on every example.
  @Test func resnetWithZeroPaddedShortcutsAndTrainingBatchNorm() throws {
    let model = try Model(
      architecture: .resnet(depth: 8, width: 0.25, classes: 3, inputShape: [2, 16, 16], shortcut: .a), seed: 4)
    let (x, y) = Self.batch([4, 2, 16, 16], classes: 3, seed: 2)
    try Self.check(
      model, inputs: x, labels: y, training: true, tolerance: Self.resnetTolerance.tolerance, floor: Self.resnetTolerance.floor)
  }

  /// The same network in evaluation mode (running statistics), after a few training passes
  /// have moved the statistics away from their start.
  @Test func resnetInEvaluationMode() throws {
    let model = try Model(
      architecture: .resnet(depth: 8, width: 0.25, classes: 3, inputShape: [2, 16, 16], shortcut: .a), seed: 4)
    let (x, y) = Self.batch([4, 2, 16, 16], classes: 3, seed: 2)
    for _ in 0..<3 { _ = try model.forward(Variable(x), context: ForwardContext(training: true)) }
    try Self.check(
      model, inputs: x, labels: y, training: false, tolerance: Self.resnetTolerance.tolerance, floor: Self.resnetTolerance.floor)
  }
}
