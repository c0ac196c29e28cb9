import Testing

@testable import NeuralNetwork
@testable import Tensor

/// Zeroes filters of a convolution (weights, bias) and of the batch norm after it (scale, shift),
/// so those channels carry exactly zero downstream.
func zeroFilters(_ filters: [Int], conv: String, bn: String?, in model: Model) throws {
  let c = try #require(model.layer(conv) as? Conv2d)
  let per = c.weight.value.count / c.outChannels
  for f in filters {
    for i in 0..<per { c.weight.value.scalars[f * per + i] = 0 }
    c.bias?.value.scalars[f] = 0
  }
  if let bn, let b = model.layer(bn) as? BatchNorm {
    for f in filters {
      b.weight.value.scalars[f] = 0
      b.bias.value.scalars[f] = 0
    }
  }
}

/// Non-trivial running statistics, so evaluation-mode batch norm is not the identity, that
/// keep the network alive: means near 0 (about half the units stay positive), variances
/// around 1. (Means of 0.5 to 1.5 would push every unit below zero and make any surgery
/// look harmless.)
func giveLiveStatistics(_ model: Model, seed: UInt64) {
  for (name, p) in model.namedBuffers {
    let mean = name.hasSuffix("running_mean")
    p.value = Tensor(randomUniform: p.shape, lower: mean ? -0.2 : 0.5, upper: mean ? 0.2 : 1.5, seed: seed)
  }
}

func maxDifference(_ a: Tensor, _ b: Tensor) -> Float {
  zip(a.scalars, b.scalars).map { Swift.abs($0 - $1) }.max() ?? 0
}

@Suite("Surgery")
struct SurgeryTests {
  @Test func lenetRemovingZeroedFiltersKeepsOutputs() throws {
    let net = try Model.lenet5(seed: 1)
    let x = Tensor(randomNormal: [3, 1, 28, 28], seed: 2)
    try zeroFilters([1, 4], conv: "conv1", bn: nil, in: net)
    try zeroFilters([0, 7, 15], conv: "conv2", bn: nil, in: net)
    let before = try net(x)
    let params = net.parameterCount
    let r1 = try net.removeFilters([4, 1], from: "conv1")
    #expect(r1.changedLayers == ["conv1", "conv2"])
    #expect(r1.kept == [0, 2, 3, 5])
    let r2 = try net.removeFilters([0, 7, 15], from: "conv2")
    #expect(r2.changedLayers == ["conv2", "fc1"])
    #expect((net.layer("fc1") as? Linear)?.inFeatures == 13 * 25)
    #expect(net.parameterCount < params)
    #expect(maxDifference(try net(x), before) < 1e-5)
    // The architecture reflects the pruned shapes and rebuilds.
    #expect(try Model(architecture: net.architecture).parameterCount == net.parameterCount)
  }

  @Test func vggSmallWithBatchNorm() throws {
    let net = try Model.vggSmall(width: 0.125, seed: 3)
    let x = Tensor(randomNormal: [2, 1, 28, 28], seed: 4)
    giveLiveStatistics(net, seed: 5)
    try zeroFilters([2, 3], conv: "conv6", bn: "bn6", in: net)
    try zeroFilters([0], conv: "conv2", bn: "bn2", in: net)
    let before = try net(x)
    let macs = net.macs
    try net.removeFilters([2, 3], from: "conv6")
    try net.removeFilters([0], from: "conv2")
    #expect((net.layer("fc") as? Linear)?.inFeatures == 62 * 9)
    #expect((net.layer("conv3") as? Conv2d)?.inChannels == 15)
    #expect(net.macs < macs)
    #expect(maxDifference(try net(x), before) < 1e-4)
  }

  @Test func mlpUnits() throws {
    let net = try Model.mlp(sizes: [6, 5, 4, 3], seed: 6)
    let fc1 = try #require(net.layer("fc1") as? Linear)
    for i in 0..<6 { fc1.weight.value.scalars[2 * 6 + i] = 0 }
    fc1.bias?.value.scalars[2] = 0
    let x = Tensor(randomNormal: [4, 6], seed: 7)
    let before = try net(x)
    try net.removeFilters([2], from: "fc1")
    #expect((net.layer("fc2") as? Linear)?.inFeatures == 4)
    #expect(maxDifference(try net(x), before) < 1e-6)
    #expect(throws: ModelError.self) { try net.removeFilters([0], from: "fc3") }
  }

  @Test func resnetInnerConvolutions() throws {
    let net = try Model.resnet(depth: 20, width: 0.5, inputShape: [1, 8, 8], seed: 8)
    giveLiveStatistics(net, seed: 9)
    let x = Tensor(randomNormal: [2, 1, 8, 8], seed: 10)
    try zeroFilters([1, 5], conv: "stage2.block1.conv1", bn: "stage2.block1.bn1", in: net)
    try zeroFilters([0], conv: "stage3.block3.conv1", bn: "stage3.block3.bn1", in: net)
    let before = try net(x)
    let report = try net.removeFilters([1, 5], from: "stage2.block1.conv1")
    #expect(report.changedLayers == ["stage2.block1.conv1", "stage2.block1.bn1", "stage2.block1.conv2"])
    #expect(report.coupledLayers.isEmpty)
    try net.removeFilters([0], from: "stage3.block3.conv1")
    #expect(maxDifference(try net(x), before) < 1e-4)
    // Only the inner convolutions are prunable on their own; the others share residual streams.
    #expect(net.prunableLayers == (1...3).flatMap { s in (1...3).map { "stage\(s).block\($0).conv1" } })
  }

  /// Zeroes `channels` of every producer coupled to `layer` (each convolution and the batch
  /// norm right after it), so the residual stream carries zeros there, then removes them:
  /// the outputs must not change, and the pruned architecture must rebuild.
  func removeCoupled(_ channels: [Int], from layer: String, in net: Model) throws -> SurgeryReport {
    giveLiveStatistics(net, seed: 9)
    let x = Tensor(randomNormal: [2, 1, 8, 8], seed: 10)
    // The control: the same surgery without zeroing changes the outputs.
    let control = try net.copy()
    let reference = try control(x)
    try control.removeFilters(channels, from: layer)
    #expect(maxDifference(try control(x), reference) > 1e-3, "the outputs depend on the removed channels")
    let layers = net.allLayers
    let coupled = try net.coupledChannels(of: layer, removing: channels)
    #expect(coupled[layer] == channels.sorted())
    for (producer, lost) in coupled {
      let index = try #require(layers.firstIndex { $0.path == producer })
      let bn = layers[(index + 1)...].first { $0 is BatchNorm }
      try zeroFilters(lost, conv: producer, bn: bn?.path, in: net)
    }
    let before = try net(x)
    let parameters = net.parameterCount
    let report = try net.removeFilters(channels, from: layer)
    #expect(report.coupledLayers.count == Set(report.coupledLayers).count, "each coupled layer once")
    #expect(maxDifference(try net(x), before) < 1e-4)
    #expect(net.parameterCount < parameters)
    #expect(try Model(architecture: net.architecture).parameterCount == net.parameterCount)
    return report
  }

  @Test func residualStreamsLoseChannelsTogetherWithProjectionShortcuts() throws {
    let net = try Model.resnet(depth: 20, width: 0.5, inputShape: [1, 8, 8], shortcut: .b, seed: 8)
    let report = try removeCoupled([1, 6], from: "stage1.block2.conv2", in: net)
    // The stage-1 stream: the stem and every block's last convolution; the projection
    // shortcut of stage 2 starts a new stream and only loses input channels.
    #expect(Set(report.coupledLayers) == ["conv1", "stage1.block1.conv2", "stage1.block3.conv2"])
    #expect((net.layer("stage2.block1.conv1") as? Conv2d)?.inChannels == 6)
    #expect(((net.layer("stage2.block1.shortcut") as? Sequential)?.layers.first as? Conv2d)?.inChannels == 6)
    #expect((net.layer("stage1.block3.conv1") as? Conv2d)?.inChannels == 6)
    // The stage-3 stream ends at the classifier.
    let last = try removeCoupled([3], from: "stage3.block1.conv2", in: net)
    #expect(last.coupledLayers.contains("stage3.block3.conv2"))
    #expect((net.layer("fc") as? Linear)?.inFeatures == 31)
  }

  @Test func zeroPaddedShortcutsCarryChannelsIntoTheNextStage() throws {
    let net = try Model.resnet(depth: 20, width: 0.5, inputShape: [1, 8, 8], shortcut: .a, seed: 8)
    let report = try removeCoupled([2], from: "conv1", in: net)
    // Option A adds a stage's channels to the next stage's, offset by the padding: one
    // stream from the stem to the classifier.
    #expect(Set(report.coupledLayers) == Set((1...3).flatMap { s in (1...3).map { "stage\(s).block\($0).conv2" } }))
    #expect((net.layer("fc") as? Linear)?.inFeatures == 31)
    // A stage-2 channel that only the zero padding feeds in stage 1: the padding narrows.
    let padded = try removeCoupled([0], from: "stage2.block2.conv2", in: net)
    #expect(!padded.coupledLayers.contains("conv1"))
    guard case .padded(_, let before, _)? = (net.layer("stage2.block1") as? ResidualBlock)?.shortcut else {
      Issue.record("expected a zero-padded shortcut")
      return
    }
    #expect(before == 3)
    // Padding and a channel of the previous stage at once: stage 1 loses channel 5 - 3 = 2.
    let mixed = try net.coupledChannels(of: "stage2.block3.conv2", removing: [0, 5])
    #expect(mixed["stage1.block1.conv2"] == [2])
    #expect(mixed["stage3.block1.conv2"] == [8, 13])
    _ = try removeCoupled([0, 5], from: "stage2.block3.conv2", in: net)
  }

  @Test func channelsOfTheModelsOutputCannotBeRemoved() throws {
    let net = try Model.resnet(depth: 8, width: 0.5, inputShape: [1, 8, 8], seed: 8)
    let tensors = net.namedTensors.map(\.tensor)
    #expect(throws: ModelError.self) { try net.removeFilters([0], from: "fc") }
    #expect(net.namedTensors.map(\.tensor) == tensors)
  }

  @Test func invalidRequests() throws {
    let net = try Model.lenet5()
    #expect(throws: ModelError.self) { try net.removeFilters([6], from: "conv1") }
    #expect(throws: ModelError.self) { try net.removeFilters(Array(0..<6), from: "conv1") }
    #expect(throws: ModelError.self) { try net.removeFilters([0], from: "pool1") }
    #expect(throws: ModelError.self) { try net.removeFilters([0], from: "conv9") }
  }
}
