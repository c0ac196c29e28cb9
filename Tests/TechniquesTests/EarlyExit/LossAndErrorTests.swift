import Foundation
import NeuralNetwork
import Tensor
import Testing

@testable import Techniques

@Suite("Early exit: combined loss and bad input")
struct LossAndErrorTests {
  /// CE(final) + Σᵢ 1/(N−i+1) · BCE(zᵢ), differentiated on the tape, against central differences
  /// for a head's weights and the first convolution's (whose gradient flows through every exit).
  @Test func combinedLossGradientMatchesFiniteDifferences() throws {
    let data = EEFixtures.quadrants(count: 8, seed: 4)
    let net = try EEFixtures.smallCNN(seed: 3)
    let model = try MultiExitModel(backbone: net, exits: ["relu1", "relu2"], seed: 9)
    for kind: ExitLossKind in [.classExclusion(positiveWeight: nil), .confidence] {
      func loss(tape: Tape?) throws -> Variable {
        let context = ForwardContext(training: false, tape: tape)
        let (exits, final) = try model.forward(Variable(data.inputs), context: context)
        let exitPart = try model.exitLoss(exits, labels: data.labels, kind: kind)
        return try final.crossEntropy(labels: data.labels) + (exitPart ?? Variable(Tensor(0)))
      }
      for parameter in [model.heads[0].linear.weight, net.allLayers.compactMap { $0 as? Conv2d }[0].weight] {
        let tape = Tape()
        parameter.gradient = nil
        tape.backward(try loss(tape: tape))
        let analytic = parameter.gradient?.scalars ?? []
        let original = parameter.value
        var numeric: [Double] = []
        let h: Float = 1e-2
        for i in stride(from: 0, to: original.count, by: Swift.max(1, original.count / 12)) {
          parameter.value.scalars[i] = original.scalars[i] + h
          let plus = Double(try loss(tape: nil).value.scalar)
          parameter.value.scalars[i] = original.scalars[i] - h
          let minus = Double(try loss(tape: nil).value.scalar)
          parameter.value = original
          numeric.append((plus - minus) / Double(2 * h))
          let a = Double(analytic.count > i ? analytic[i] : .nan)
          #expect(Swift.abs(a - numeric.last!) <= 2e-2 * Swift.max(1, Swift.abs(numeric.last!)), "\(kind) element \(i): \(a) vs \(numeric.last!)")
        }
        // The gradient is not trivially zero (the comparison could not fail otherwise).
        #expect(numeric.contains { Swift.abs($0) > 1e-4 })
      }
    }
  }

  @Test func exitLossTrainsTheHeadsThroughTheTrainer() throws {
    let data = EEFixtures.quadrants(count: 64, seed: 4)
    let net = try EEFixtures.smallCNN(seed: 3)
    let model = try MultiExitModel(backbone: net, exits: ["relu1", "relu2"], seed: 9)
    let before = model.heads[1].linear.weight.value
    var configuration = TrainingConfiguration(epochs: 1, batchSize: 16)
    configuration.addLoss([.exitHeads(model, kind: .classExclusion(positiveWeight: nil))])
    #expect(configuration.taps == ["relu1", "relu2"])
    #expect(configuration.extraParameters.count == 4)
    try net.train(on: data, configuration: configuration)
    #expect(model.heads[1].linear.weight.value.scalars != before.scalars)
    // The term refuses another model.
    let other = try EEFixtures.smallCNN(seed: 4)
    #expect(throws: EarlyExitError.self) { try other.train(on: data, configuration: configuration) }
  }

  @Test func anUnknownLayerListsTheCandidates() throws {
    let net = try EEFixtures.smallCNN(seed: 1)
    do {
      _ = try MultiExitModel(backbone: net, exits: ["rleu1"])
      Issue.record("no error")
    } catch let error as EarlyExitError {
      #expect(error.kind == .unknownLayer)
      #expect(error.name == "rleu1")
      #expect(error.candidates.contains("relu1"))
      #expect(error.description.contains("'rleu1'"))
    }
  }

  @Test func aHeadNeedsAFeatureMap() throws {
    let net = try EEFixtures.smallCNN(seed: 1)
    for layer in ["flatten", "fc"] {
      do {
        _ = try MultiExitModel(backbone: net, exits: [layer])
        Issue.record("no error for \(layer)")
      } catch let error as EarlyExitError {
        #expect(error.kind == .notAFeatureMap, "\(layer): \(error)")
      }
    }
    #expect(throws: EarlyExitError.self) { try MultiExitModel(backbone: net, exits: ["relu1"], poolSize: 9) }
    #expect(throws: EarlyExitError.self) { try MultiExitModel(backbone: net, exits: []) }
    #expect(throws: EarlyExitError.self) { try MultiExitModel(backbone: net, exits: ["relu1", "relu1"]) }
  }

  @Test func anExitInsideAResidualBlockIsRefused() throws {
    let resnet = try Model.resnet(depth: 8, width: 0.25, inputShape: [1, 8, 8])
    do {
      _ = try MultiExitModel(backbone: resnet, exits: ["stage1.block1.conv1"])
      Issue.record("no error")
    } catch let error as EarlyExitError {
      #expect(error.kind == .unsupportedPosition)
      #expect(error.description.contains("stage1.block1"))
    }
  }
}
