import Tensor
import Testing
@testable import NeuralNetwork

@Suite("Checkpoints of models")
struct CheckpointModelTests {
  /// Gives every tensor of `model` values no seed would produce; running variances stay positive.
  static func scramble(_ model: Model, seed: UInt64) throws {
    for (i, (name, tensor)) in model.namedTensors.enumerated() {
      var value = Tensor(randomNormal: tensor.shape, standardDeviation: 0.3, seed: seed &+ UInt64(i))
      if name.hasSuffix("running_var") { value = Tensor(shape: value.shape, scalars: value.scalars.map { abs($0) + 0.5 }) }
      try model.setTensor(named: name, to: value)
    }
  }

  /// One small model of each family in the zoo, with batch norm buffers and residual blocks among them.
  static func architecture(_ family: String) throws -> Architecture {
    switch family {
    case "mlp": return try .mlp(sizes: [12, 8, 3], inputShape: [3, 2, 2])
    case "lenet5": return try .lenet5(classes: 10, inputShape: [1, 28, 28])
    case "vggSmall": return try .vggSmall(width: 0.25, classes: 10, inputShape: [1, 28, 28])
    default: return try .resnet(depth: 8, width: 0.5, classes: 10, inputShape: [1, 16, 16], shortcut: .b)
    }
  }

  @Test("a saved and loaded model predicts identically", arguments: ["mlp", "lenet5", "vggSmall", "resnet8"])
  func roundTrip(family: String) throws {
    let architecture = try Self.architecture(family)
    let model = try Model(architecture: architecture, seed: 1)
    try Self.scramble(model, seed: 99)
    let folder = try TemporaryFolder()
    let path = folder.path + "/\(architecture.name).ckpt"
    try model.save(to: path)
    let loaded = try Model.load(from: path)
    #expect(loaded.architecture == model.architecture)
    #expect(loaded.namedTensors.map(\.name) == model.namedTensors.map(\.name))
    let x = Tensor(randomNormal: [4] + architecture.inputShape, seed: 5)
    #expect(try loaded(x).scalars == model(x).scalars)
    #expect(try loaded(x).scalars != Model(architecture: architecture, seed: 1)(x).scalars, "the scrambled weights were loaded")
  }

  @Test("restoring into a model of another shape names the tensor and leaves the model unchanged")
  func mismatch() throws {
    let checkpoint = try Checkpoint(model: Model.mlp(sizes: [4, 5, 2]))
    let other = try Model.mlp(sizes: [4, 6, 2])
    let before = other.namedTensors.map(\.tensor.scalars)
    #expect {
      try checkpoint.restore(into: other)
    } throws: { error in
      (error as? CheckpointError)?.kind == .mismatch && "\(error)".contains("fc1.weight") && "\(error)".contains("[6, 4]")
    }
    #expect(other.namedTensors.map(\.tensor.scalars) == before)
    let deeper = try Model.mlp(sizes: [4, 5, 2, 2])
    #expect(throws: CheckpointError.self) { try checkpoint.restore(into: deeper) }
    let partial = try Checkpoint(architecture: checkpoint.architecture, tensors: Array(checkpoint.tensors.dropLast()))
    #expect(throws: CheckpointError.self) { try partial.makeModel() }
  }

  @Test("loading a damaged file names the file")
  func damagedFile() throws {
    let folder = try TemporaryFolder()
    let path = folder.path + "/net.ckpt"
    var bytes = try Checkpoint(model: Model.mlp(sizes: [4, 3])).encoded()
    bytes[bytes.count / 2] ^= 1
    try folder.write(bytes, to: "net.ckpt")
    #expect {
      try Model.load(from: path)
    } throws: { error in
      "\(error)".hasPrefix("\(path): corrupt: checksum mismatch")
    }
  }
}
