import Foundation
import Testing

@testable import NeuralNetwork
@testable import Tensor

@Suite("Model zoo: shapes, parameter and MAC counts")
struct ZooTests {
  @Test func lenet5MatchesThePeer() throws {
    let net = try Model.lenet5()
    // conv1 156, conv2 2416, fc1 48120, fc2 10164, fc3 850 (PyTorch's count for the peer).
    #expect(net.parameterCount == 61_706)
    #expect(net.macs == 117_600 + 240_000 + 48_000 + 10_080 + 840)
    let rows = net.summary()
    #expect(
      rows.map(\.name) == [
        "conv1", "relu1", "pool1", "conv2", "relu2", "pool2", "flatten", "fc1", "relu3", "fc2", "relu4", "fc3",
      ])
    #expect(rows[3].outputShape == [16, 10, 10])
    #expect(rows[6].outputShape == [400])
    let y = try net(Tensor(randomNormal: [2, 1, 28, 28], seed: 1))
    #expect(y.shape == [2, 10])
  }

  @Test func mlpCountsAndFlattening() throws {
    let net = try Model.mlp(sizes: [784, 256, 128, 10], inputShape: [1, 28, 28])
    #expect(net.parameterCount == 784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10)
    #expect(net.macs == 784 * 256 + 256 * 128 + 128 * 10)
    #expect(try net(Tensor(zeros: [3, 1, 28, 28])).shape == [3, 10])
    // Examples of the right size but another layout pass the leading Flatten.
    #expect(try net(Tensor(zeros: [3, 784])).shape == [3, 10])
    #expect(throws: ModelError.self) { try net(Tensor(zeros: [3, 783])) }
  }

  @Test func vggSmallQuarterWidthIsThePeer() throws {
    let net = try Model.vggSmall(width: 0.25)
    let convs = net.allLayers.compactMap { $0 as? Conv2d }.map(\.outChannels)
    #expect(convs == [32, 32, 64, 64, 128, 128])
    let flatten = net.summary().first { $0.name == "flatten" }
    #expect(flatten?.outputShape == [128 * 9])
    #expect(net.layer("bn3") is BatchNorm)
    #expect(try net(Tensor(zeros: [2, 1, 28, 28])).shape == [2, 10])
  }

  @Test func resnetParameterCountsMatchTheCifarReference() throws {
    // He et al.'s CIFAR ResNets with option A shortcuts: 0.27M and 0.85M parameters.
    let r20 = try Model.resnet(depth: 20)
    #expect(r20.parameterCount == 269_722)
    let r56 = try Model.resnet(depth: 56, width: 0.25, inputShape: [1, 8, 8])
    #expect(r56.allLayers.filter { $0 is ResidualBlock }.count == 27)
    #expect(r56.layer("stage3.block9.conv2") is Conv2d)
    let b = try Model.resnet(depth: 20, width: 0.5, inputShape: [1, 12, 12], shortcut: .b)
    #expect(b.layer("stage2.block1.shortcut.conv") is Conv2d)
    #expect(try b(Tensor(zeros: [2, 1, 12, 12])).shape == [2, 10])
    #expect(try r56(Tensor(zeros: [2, 1, 8, 8])).shape == [2, 10])
    #expect(throws: ModelError.self) { try Model.resnet(depth: 21) }
  }

  @Test func vgg16OnCifarAndFashionSizes() throws {
    let cifar = try Architecture.vgg16(width: 0.125)
    #expect(cifar.layers.filter { if case .conv2d = $0 { return true } else { return false } }.count == 13)
    let small = try Model.vgg16(width: 0.0625, inputShape: [1, 28, 28])
    #expect(try small(Tensor(zeros: [1, 1, 28, 28])).shape == [1, 10])
  }

  @Test func architectureRoundTripsThroughJSON() throws {
    let net = try Model.resnet(depth: 20, width: 0.25, inputShape: [1, 8, 8], shortcut: .b, seed: 3)
    let data = try JSONEncoder().encode(net.architecture)
    let decoded = try JSONDecoder().decode(Architecture.self, from: data)
    #expect(decoded == net.architecture)
    let rebuilt = try Model(architecture: decoded, seed: 99)
    #expect(rebuilt.namedTensors.map(\.name) == net.namedTensors.map(\.name))
    for (name, tensor) in net.namedTensors { try rebuilt.setTensor(named: name, to: tensor) }
    let x = Tensor(randomNormal: [2, 1, 8, 8], seed: 4)
    #expect(try rebuilt(x) == net(x))
    #expect(net.namedBuffers.contains { $0.name == "stage1.block1.bn1.running_var" })
    #expect(throws: ModelError.self) { try rebuilt.setTensor(named: "nope", to: Tensor(zeros: [1])) }
    #expect(throws: ModelError.self) { try rebuilt.setTensor(named: "fc.bias", to: Tensor(zeros: [3])) }
  }

  @Test func sameSeedSameWeights() throws {
    let a = try Model.lenet5(seed: 7)
    let b = try Model.lenet5(seed: 7)
    let c = try Model.lenet5(seed: 8)
    #expect(a.namedTensors.map(\.tensor) == b.namedTensors.map(\.tensor))
    #expect(a.namedTensors.map(\.tensor) != c.namedTensors.map(\.tensor))
  }

  @Test func invalidArchitecturesAreRejected() {
    #expect(throws: ModelError.self) {
      try Model(
        architecture: Architecture(
          name: "x", inputShape: [4], layers: [.linear(name: "fc", inFeatures: 5, outFeatures: 2, bias: true)]))
    }
    #expect(throws: ModelError.self) {
      try Model(
        architecture: Architecture(name: "x", inputShape: [4], layers: [.flatten(name: "a"), .flatten(name: "a")]))
    }
    #expect(throws: ModelError.self) {
      try Model(architecture: Architecture(name: "x", inputShape: [4], layers: [.dropout(name: "d", probability: 1)]))
    }
  }
}
