import Glibc
import Synchronization
import Testing

@testable import Tensor

/// Jobs side by side: results in order, errors kept, and kernels that give the same numbers
/// (crowded kernels run their chunks on their own thread, in the same order).
@Suite struct SideBySideTests {
  struct Failure: Error, Equatable { let index: Int }

  @Test func resultsComeBackInOrderWithTheirErrors() {
    let results = SideBySide.run(5) { i -> Int in
      if i == 3 { throw Failure(index: i) }
      return i * i
    }
    #expect(results.count == 5)
    for (i, result) in results.enumerated() {
      switch result {
      case .success(let value): #expect(i != 3 && value == i * i)
      case .failure(let error): #expect(i == 3 && error as? Failure == Failure(index: 3))
      }
    }
    #expect(SideBySide.run(0) { $0 }.isEmpty)
  }

  @Test func theCallerPollsUntilEveryJobHasFinished() {
    nonisolated(unsafe) var polls = 0
    let results = SideBySide.run(2, interval: 0.01, poll: { polls += 1 }) { i -> Int in
      var x = 0.0
      for k in 0..<3_000_000 { x += Double(k % 7) }
      return i + Int(x) % 2
    }
    #expect(results.count == 2)
    #expect(polls >= 1)
  }

  @Test func forEachRunsEveryItemOnceEachJobInOrder() throws {
    let seen = Mutex<[[Int]]>([[], []])
    var reports: [Int] = []
    try SideBySide.forEach(9, jobs: 2, interval: 0.001, progress: { reports.append($0) }) { job, item in
      seen.withLock { $0[job].append(item) }
    }
    // Inside another test's side-by-side jobs (tests run concurrently) the items run in order on the caller.
    let split = seen.withLock { $0 }
    #expect(split == [[0, 2, 4, 6, 8], [1, 3, 5, 7]] || split == [Array(0..<9), []])
    #expect(reports.last == 9 && reports == reports.sorted())
    // One job: in order on the caller, a report after every item.
    var order: [Int] = []
    reports = []
    try SideBySide.forEach(4, jobs: 1, progress: { reports.append($0) }) { job, item in
      #expect(job == 0)
      order.append(item)
    }
    #expect(order == [0, 1, 2, 3] && reports == [1, 2, 3, 4])
  }

  @Test func forEachStopsWhenTheProgressThrowsAndRethrowsItemErrors() {
    let ran = Atomic<Int>(0)
    #expect(throws: Failure(index: -1)) {
      try SideBySide.forEach(1_000, jobs: 2, interval: 0.001, progress: { _ in throw Failure(index: -1) }) { _, _ in
        ran.wrappingAdd(1, ordering: .relaxed)
        usleep(1_000)
      }
    }
    #expect(ran.load(ordering: .relaxed) < 1_000, "the jobs stopped early")
    #expect(throws: Failure(index: 5)) {
      try SideBySide.forEach(8, jobs: 2) { _, item in if item == 5 { throw Failure(index: 5) } }
    }
  }

  /// Convolutions and products computed in two jobs at once equal those computed alone, bit for bit.
  @Test func kernelsSideBySideGiveTheSameNumbers() throws {
    let x = Tensor(randomNormal: [64, 8, 16, 16], seed: 1)
    let w = Tensor(randomNormal: [16, 8, 3, 3], seed: 2) * 0.1
    let b = Tensor(randomNormal: [16], seed: 3)
    let m = Tensor(randomNormal: [300, 700], seed: 4)
    let alone = try Tensor.conv2d(x, weight: w, bias: b, padding: (1, 1))
    let product = try Tensor.matmul(m, m, transposeB: true)
    let results = SideBySide.run(2) { i -> [Float] in
      i == 0 ? try Tensor.conv2d(x, weight: w, bias: b, padding: (1, 1)).scalars : try Tensor.matmul(m, m, transposeB: true).scalars
    }
    #expect(try results[0].get() == alone.scalars)
    #expect(try results[1].get() == product.scalars)
  }
}
