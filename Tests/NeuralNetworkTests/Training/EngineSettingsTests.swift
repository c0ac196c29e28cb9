import Foundation
import Testing

@testable import NeuralNetwork
@testable import Tensor

/// Training under different engine settings (`EngineTuning`: worker threads, Winograd) agrees.
///
/// The settings are process-wide and the tests run in parallel, so each setting is applied in
/// a child process: this test binary run again with `--filter EngineSettingsChild` and the
/// setting in `NNLAB_ENGINE_CHILD`. The child trains a ResNet-8 (3 x 3 convolutions, where
/// Winograd applies, large enough that products are split over the workers) for two SGD steps
/// and writes its weights; the parent compares them.
@Suite struct EngineSettingsTests {
  /// The weights after training under `setting` ("threads=N winograd=0|1").
  static func weights(_ setting: String) throws -> [Float] {
    let out = NSTemporaryDirectory() + "nnlab-engine-\(UUID().uuidString).bin"
    defer { try? FileManager.default.removeItem(atPath: out) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    process.arguments = ["--testing-library", "swift-testing", "--filter", "EngineSettingsChild"]
    var environment = ProcessInfo.processInfo.environment
    environment["NNLAB_ENGINE_CHILD"] = "\(setting) out=\(out)"
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "child \(setting):\n\(text.suffix(2000))")
    let data = try Data(contentsOf: URL(fileURLWithPath: out))
    return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
  }

  /// The largest difference relative to the largest weight.
  static func relativeDifference(_ a: [Float], _ b: [Float]) -> Float {
    let scale = a.map(abs).max() ?? 1
    return zip(a, b).map { abs($0 - $1) }.max().map { $0 / scale } ?? .infinity
  }

  /// Stated tolerance: the settings change only the order of Float additions, so two steps
  /// agree to 1e-5 of the largest weight; the steps themselves move the weights by far more.
  @Test func oneAndTwoThreadsAndWinogradOnAndOffTrainAlike() throws {
    let reference = try Self.weights("threads=2 winograd=1")
    let oneThread = try Self.weights("threads=1 winograd=1")
    let direct = try Self.weights("threads=2 winograd=0")
    let untrained = try Self.weights("threads=2 winograd=1 steps=0")
    #expect(reference.count == oneThread.count && reference.count == direct.count && reference.count > 1000)
    let moved = Self.relativeDifference(reference, untrained)
    #expect(moved > 1e-3, "the steps move the weights (\(moved))")
    let threads = Self.relativeDifference(reference, oneThread)
    let winograd = Self.relativeDifference(reference, direct)
    #expect(threads <= 1e-5, "1 vs 2 threads: \(threads)")
    #expect(winograd <= 1e-5, "Winograd on vs off: \(winograd)")
    // The settings were really applied: Winograd rounds differently from im2col + GEMM.
    #expect(winograd > 0, "Winograd on and off gave identical bits: was the setting applied?")
  }
}

/// The child side of `EngineSettingsTests`; runs only when that test starts it.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["NNLAB_ENGINE_CHILD"] != nil, "runs only as EngineSettingsTests' child"))
struct EngineSettingsChild {
  @Test func trainUnderTheGivenSetting() throws {
    let fields = Dictionary(
      uniqueKeysWithValues: (ProcessInfo.processInfo.environment["NNLAB_ENGINE_CHILD"] ?? "").split(separator: " ").compactMap {
        pair -> (String, String)? in
        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
        return parts.count == 2 ? (parts[0], parts[1]) : nil
      })
    let out = try #require(fields["out"])
    EngineTuning.threadCount = Int(fields["threads"] ?? "2") ?? 2
    EngineTuning.usesWinograd = fields["winograd"] != "0"
    let model = try Model(
      architecture: .resnet(depth: 8, width: 0.5, classes: 4, inputShape: [3, 16, 16], shortcut: .a), seed: 7)
    let inputs = Tensor(randomNormal: [64, 3, 16, 16], seed: 8)
    let data = Dataset(inputs: inputs, labels: (0..<64).map { $0 % 4 }, classCount: 4)
    let steps = Int(fields["steps"] ?? "2") ?? 2
    if steps > 0 {
      _ = try model.train(
        on: data,
        configuration: TrainingConfiguration(
          epochs: 1, batchSize: 64 / steps, optimizer: .sgd(learningRate: 0.1, momentum: 0.9), seed: 3))
    }
    let weights = model.namedParameters.flatMap { $0.parameter.value.scalars }
    try weights.withUnsafeBufferPointer { try Data(buffer: $0).write(to: URL(fileURLWithPath: out)) }
  }
}
