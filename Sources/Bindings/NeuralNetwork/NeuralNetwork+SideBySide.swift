import Foundation
import Kernel
import NeuralNetwork
import Tensor

extension NeuralNetworkLibrary {
  /// `train` on a list of networks, `runs[i]` for network `i`: each on a thread of its own
  /// (`SideBySide`, the same results bit for bit as one after the other), while the caller
  /// reports their progress together and passes an interruption or a time-out on to them. When
  /// one fails, the others stop, and the first failure in the list's order (other than those
  /// stops) is the cell's error, naming its network.
  static func trainSideBySide(_ nets: [ModelObject], _ runs: [TrainingRun], _ context: Context) throws -> [HistoryObject] {
    let board = TrainingBoard(names: nets.map(\.model.name))
    let results = SideBySide.run(nets.count, poll: { board.publish(context) }) { i in
      do {
        return try runs[i].train(nets[i], report: { try board.update(i, $0) }, check: { try board.check() })
      } catch {
        board.stop(because: error)
        throw error
      }
    }
    if let interruption = board.interruption { throw interruption }
    // The first failure in the list's order that was not a stop caused by another's.
    for (i, result) in results.enumerated() {
      guard case .failure(let error) = result, !(error is TrainingBoard.Stopped) else { continue }
      if Builtin.isLanguageError(error) { throw error }
      throw LabError("train(): network \(i + 1) of \(nets.count) ('\(nets[i].model.name)'): \(Builtin.message(of: error))")
    }
    return try results.map { try $0.get() }
  }

  /// The progress of networks training side by side, written by their threads and read by the
  /// caller's, and the reason they must stop.
  final class TrainingBoard: @unchecked Sendable {
    private let lock = NSLock()
    private let names: [String]
    private var progress: [BatchProgress?]
    /// Why every network must stop: the cell was interrupted or timed out, or one network failed.
    private var reason: (any Error)?
    /// The interruption or time-out the caller met, to be the cell's error.
    private(set) var interruption: (any Error)?

    init(names: [String]) {
      self.names = names
      progress = Array(repeating: nil, count: names.count)
    }

    /// Network `i`'s progress after a batch; throws when the networks must stop.
    func update(_ i: Int, _ step: BatchProgress) throws {
      lock.withLock { progress[i] = step }
      try check()
    }

    /// Throws when the networks must stop.
    func check() throws {
      if lock.withLock({ reason }) != nil { throw Stopped() }
    }

    /// Stops every network (the first reason stays).
    func stop(because error: any Error) {
      guard !(error is Stopped) else { return }
      lock.withLock { if reason == nil { reason = error } }
    }

    /// Reports the networks' progress together, from the caller's thread; an interruption or a
    /// time-out it meets stops them.
    func publish(_ context: Context) {
      let steps = lock.withLock { progress }
      guard let first = steps.compactMap({ $0 }).first else { return }
      var done = 0
      var parts: [String] = []
      for (name, step) in zip(names, steps) {
        // A network that has not finished its first batch yet stands at epoch 1, batch 0.
        done += step.map { ($0.epoch - 1) * $0.batchesPerEpoch + $0.batch } ?? 0
        parts.append("\(name) epoch \(step?.epoch ?? 1)/\(first.epochs)")
      }
      let total = names.count * first.epochs * first.batchesPerEpoch
      do {
        try context.progress(task: "train side by side: " + parts.joined(separator: ", "), done: done, total: total)
      } catch {
        lock.withLock {
          if interruption == nil { interruption = error }
          if reason == nil { reason = error }
        }
      }
    }

    /// What a network's thread throws when another's failure or the cell's interruption stops it.
    struct Stopped: Error {}
  }
}
