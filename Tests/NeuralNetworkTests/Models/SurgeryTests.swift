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
    // Non-trivial running statistics, so evaluation-mode BN is not the identity.
    for (_, p) in net.namedBuffers { p.value = Tensor(randomUniform: p.shape, lower: 0.5, upper: 1.5, seed: 5) }
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

  @Test func resnetInnerConvolutionsOnly() throws {
    let net = try Model.resnet(depth: 20, width: 0.5, inputShape: [1, 8, 8], seed: 8)
    for (_, p) in net.namedBuffers { p.value = Tensor(randomUniform: p.shape, lower: 0.5, upper: 1.5, seed: 9) }
    let x = Tensor(randomNormal: [2, 1, 8, 8], seed: 10)
    try zeroFilters([1, 5], conv: "stage2.block1.conv1", bn: "stage2.block1.bn1", in: net)
    try zeroFilters([0], conv: "stage3.block3.conv1", bn: "stage3.block3.bn1", in: net)
    let before = try net(x)
    let report = try net.removeFilters([1, 5], from: "stage2.block1.conv1")
    #expect(report.changedLayers == ["stage2.block1.conv1", "stage2.block1.bn1", "stage2.block1.conv2"])
    try net.removeFilters([0], from: "stage3.block3.conv1")
    #expect(maxDifference(try net(x), before) < 1e-4)
    // Coupled through residual sums: refused, and nothing changes.
    let tensors = net.namedTensors.map(\.tensor)
    #expect(throws: ModelError.self) { try net.removeFilters([0], from: "stage1.block1.conv2") }
    #expect(throws: ModelError.self) { try net.removeFilters([0], from: "conv1") }
    #expect(net.namedTensors.map(\.tensor) == tensors)
    #expect(net.prunableLayers == (1...3).flatMap { s in (1...3).map { "stage\(s).block\($0).conv1" } })
  }

  @Test func invalidRequests() throws {
    let net = try Model.lenet5()
    #expect(throws: ModelError.self) { try net.removeFilters([6], from: "conv1") }
    #expect(throws: ModelError.self) { try net.removeFilters(Array(0..<6), from: "conv1") }
    #expect(throws: ModelError.self) { try net.removeFilters([0], from: "pool1") }
    #expect(throws: ModelError.self) { try net.removeFilters([0], from: "conv9") }
  }
}
