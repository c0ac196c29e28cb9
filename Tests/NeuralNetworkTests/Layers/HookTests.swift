import Testing

@testable import NeuralNetwork
@testable import Tensor

@Suite("Hooks, taps and activation gradients")
struct HookTests {
  @Test func tapsRecordNamedOutputs() throws {
    let net = try Model.lenet5(seed: 1)
    let context = ForwardContext()
    context.taps = ["conv2", "pool2", "fc3"]
    let y = try net.forward(Variable(Tensor(randomNormal: [2, 1, 28, 28], seed: 2)), context: context)
    #expect(context.activations["conv2"]?.shape == [2, 16, 10, 10])
    #expect(context.activations["pool2"]?.shape == [2, 16, 5, 5])
    #expect(context.activations["fc3"]?.value == y.value)
  }

  @Test func hooksReplaceOutputsAndFeedExtraHeads() throws {
    let net = try Model.resnet(depth: 20, width: 0.25, inputShape: [1, 8, 8], seed: 3)
    let head = try Model(
      architecture: Architecture(
        name: "exit", inputShape: [4, 8, 8],
        layers: [
          .adaptiveAvgPool(name: "pool", outputHeight: 1, outputWidth: 1), .flatten(name: "flatten"),
          .linear(name: "fc", inFeatures: 4, outFeatures: 10, bias: true),
        ]), seed: 4)
    let x = Variable(Tensor(randomNormal: [2, 1, 8, 8], seed: 5))
    let context = ForwardContext()
    var exitLogits: Variable? = nil
    context.hooks["stage1.block2"] = { v in
      exitLogits = try head.forward(v, context: context)
      return v
    }
    context.hooks["stage2.block1.conv1"] = { v in v * 0 }
    let y = try net.forward(x, context: context)
    #expect(exitLogits?.shape == [2, 10])
    // Zeroing a block's inner conv changes the result.
    #expect(y.value != (try net(x.value)))
  }

  @Test func layerOverridesReplaceALayersComputation() throws {
    let net = try Model.mlp(sizes: [4, 3, 2], seed: 8)
    let x = Variable(Tensor(randomNormal: [5, 4], seed: 9))
    let context = ForwardContext()
    var calls = 0
    // fc1 replaced by a constant map; its hook still sees the replacement's output.
    context.layerOverrides["fc1"] = { v in
      calls += 1
      return Variable(Tensor(ones: [v.shape[0], 3]))
    }
    context.taps = ["fc1"]
    let y = try net.forward(x, context: context)
    #expect(calls == 1)
    #expect(context.activations["fc1"]?.value == Tensor(ones: [5, 3]))
    let fc2 = try #require(net.layer("fc2") as? Linear)
    let expected = try Variable.linear(
      Variable(Tensor(ones: [5, 3])), weight: Variable(fc2.weight.value), bias: fc2.bias.map { Variable($0.value) })
    #expect(y.value == expected.value)
  }

  @Test func fusedBatchNormReLUGivesTheSameResults() throws {
    let net = try Model.resnet(depth: 20, width: 0.5, inputShape: [1, 8, 8], seed: 10)
    let x = Tensor(randomNormal: [4, 1, 8, 8], seed: 11)
    for training in [false, true] {
      func run(fused: Bool, tapBatchNorm: Bool) throws -> (Tensor, [Tensor]) {
        let tape = Tape()
        let context = ForwardContext(training: training, tape: tape)
        context.fusesBatchNormReLU = fused
        if tapBatchNorm { context.taps = ["bn1", "stage2.block1.bn1"] }
        let loss = try net.forward(Variable(x), context: context).crossEntropy(labels: [0, 1, 2, 3])
        net.clearGradients()
        tape.backward(loss)
        if tapBatchNorm { #expect(context.activations["stage2.block1.bn1"] != nil) }
        return (loss.value, net.parameters.map { $0.gradient ?? Tensor(zeros: [1]) })
      }
      let (fusedLoss, fusedGradients) = try run(fused: true, tapBatchNorm: false)
      let (plainLoss, plainGradients) = try run(fused: false, tapBatchNorm: false)
      let (tappedLoss, _) = try run(fused: true, tapBatchNorm: true)
      #expect(Swift.abs(fusedLoss.scalar - plainLoss.scalar) < 1e-5)
      #expect(Swift.abs(tappedLoss.scalar - plainLoss.scalar) < 1e-5)
      for (a, b) in zip(fusedGradients, plainGradients) { #expect(maxDifference(a, b) < 1e-4) }
    }
  }

  /// Without a tape, a convolution runs its batch norm (and ReLU) on each output plane as it
  /// writes it: the same numbers, bit for bit, as the layers one by one; a tap on the convolution
  /// or the batch norm still sees its own output.
  @Test(arguments: ["vgg", "resnet"])
  func convolutionFusedWithBatchNormGivesTheSameResultsBitForBit(_ kind: String) throws {
    let net =
      kind == "vgg"
      ? try Model.vggSmall(width: 0.125, inputShape: [1, 16, 16], seed: 12)
      : try Model.resnet(depth: 20, width: 0.5, inputShape: [1, 8, 8], seed: 12)
    // Statistics far from the initial ones, so that the affine map is not the identity.
    for (i, layer) in net.allLayers.enumerated() {
      guard let bn = layer as? BatchNorm else { continue }
      let c = bn.channels
      bn.runningMean.value = Tensor(randomNormal: [c], seed: UInt64(100 + i))
      bn.runningVariance.value = Tensor(randomNormal: [c], seed: UInt64(200 + i)).map(.abs) + 0.5
      bn.weight.value = Tensor(randomNormal: [c], seed: UInt64(300 + i))
      bn.bias.value = Tensor(randomNormal: [c], seed: UInt64(400 + i))
    }
    let x = Variable(Tensor(randomNormal: [6] + net.inputShape, seed: 13))
    let relu = kind == "vgg" ? "relu2" : "relu1"
    let conv = kind == "vgg" ? "conv2" : "conv1"
    func run(fused: Bool, taps: Set<String> = []) throws -> (logits: Tensor, context: ForwardContext) {
      let context = ForwardContext(training: false)
      context.fusesBatchNormReLU = fused
      context.taps = taps
      context.planeMeanTaps = [relu]
      return (try net.forward(x, context: context).value, context)
    }
    let plain = try run(fused: false, taps: [relu, conv])
    let fused = try run(fused: true, taps: [relu])
    #expect(fused.logits.scalars == plain.logits.scalars)
    let reluOutput = try #require(fused.context.activations[relu]?.value)
    #expect(reluOutput.scalars == plain.context.activations[relu]?.value.scalars)
    let means = try #require(fused.context.takePlaneMeans(of: relu), "the fused pass took the plane means")
    #expect(means.scalars == (try Tensor.adaptiveAvgPool2d(reluOutput, outputSize: (1, 1))).scalars)
    let tapped = try run(fused: true, taps: [conv])
    #expect(tapped.logits.scalars == plain.logits.scalars)
    #expect(tapped.context.activations[conv]?.value.scalars == plain.context.activations[conv]?.value.scalars)
  }

  @Test func activationGradientsCanBeRead() throws {
    let net = try Model.lenet5(seed: 6)
    let tape = Tape()
    let context = ForwardContext(training: false, tape: tape)
    var conv2: Variable? = nil
    context.hooks["relu2"] = { v in
      tape.watch(v)
      conv2 = v
      return v
    }
    let loss = try net.forward(Variable(Tensor(randomNormal: [2, 1, 28, 28], seed: 7)), context: context)
      .crossEntropy(labels: [3, 4], reduction: .sum)
    tape.backward(loss)
    let a = try #require(conv2)
    let g = try #require(tape.gradient(of: a))
    #expect(g.shape == [2, 16, 10, 10])
    // Taylor importance |a * dL/da| is non-trivial.
    #expect((a.value * g).map(.abs).sum().scalar > 0)
    #expect(net.parameters.allSatisfy { $0.gradient != nil })
  }
}
