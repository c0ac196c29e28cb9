#if os(Linux)
  import Glibc
  import Synchronization
#endif

/// Independent jobs side by side, one thread each: two trainings on two cores instead of one
/// after the other, each spread over both.
///
/// While more than one job runs, every kernel runs on its caller's thread alone: the same chunks
/// in the same order as with the worker pool, so the results are the same bit for bit, and
/// neither job's kernels wait for a worker the other is using. When only one job is left, its
/// kernels use the pool again. On two cores, a training spread over both runs only 1.6–1.75
/// times as fast as on one (some of it runs on one thread, and the workers wait for each other
/// inside the kernels); two trainings on one core each lose less, unless both are bound by
/// memory (BENCHMARKS.md: 7–18% less time for VGG16 and ResNet-32 side by side).
///
/// Elsewhere than on Linux the jobs run one after the other on the caller.
public enum SideBySide {
  /// Runs `job(i)` for `i` in `0..<count`, each on a thread of its own, and returns their
  /// results in order. The caller calls `poll` about every `interval` seconds until every job
  /// has finished (to report progress; it cannot stop a job, which must watch for that itself).
  public static func run<T>(
    _ count: Int, interval: Double = 0.2, poll: () -> Void = {}, _ job: @escaping (Int) throws -> T
  ) -> [Result<T, any Error>] {
    guard count > 1 else { return (0..<count).map { i in Result { try job(i) } } }
    #if os(Linux)
      let group = Group<T>(count: count, job: job)
      group.start()
      group.wait(interval: interval, poll: poll)
      return group.results.map { $0! }
    #else
      var results: [Result<T, any Error>] = []
      for i in 0..<count {
        results.append(Result { try job(i) })
        poll()
      }
      return results
    #endif
  }

  /// Runs `body(job, item)` for every `item` in `0..<count` on `jobs` threads side by side (see
  /// `run`), job `j` taking items `j`, `j + jobs`, … in order. With one job, or inside a job that
  /// already runs side by side, the items run in order on the caller.
  ///
  /// `progress(done)` runs on the caller about every `interval` seconds and once at the end, with
  /// the number of items finished. When it throws, or an item throws, every job stops after its
  /// current item; the progress's error is rethrown, else the first item error (by job). Returns
  /// the number of jobs that ran.
  @discardableResult
  public static func forEach(
    _ count: Int, jobs: Int, interval: Double = 0.2, progress: ((Int) throws -> Void)? = nil,
    _ body: @escaping (_ job: Int, _ item: Int) throws -> Void
  ) throws -> Int {
    let jobs = Swift.max(1, Swift.min(jobs, count))
    #if os(Linux)
      if jobs > 1 && !isCrowded {
        let state = ForEachState()
        var stopping: (any Error)? = nil
        let results = run(
          jobs, interval: interval,
          poll: {
            guard stopping == nil else { return }
            do { try progress?(state.done.load(ordering: .relaxed)) } catch {
              stopping = error
              state.stop.store(true, ordering: .relaxed)
            }
          },
          { job in
            for item in Swift.stride(from: job, to: count, by: jobs) {
              if state.stop.load(ordering: .relaxed) { return }
              do { try body(job, item) } catch {
                // One failure stops the others too.
                state.stop.store(true, ordering: .relaxed)
                throw error
              }
              state.done.wrappingAdd(1, ordering: .relaxed)
            }
          })
        if let stopping { throw stopping }
        for result in results { try result.get() }
        try progress?(count)
        return jobs
      }
    #endif
    for item in 0..<count {
      try body(0, item)
      try progress?(item + 1)
    }
    return 1
  }

  #if os(Linux)
    /// The items `forEach`'s jobs have finished, and whether they must stop.
    private final class ForEachState: Sendable {
      let done = Atomic<Int>(0)
      let stop = Atomic<Bool>(false)
    }

    /// Jobs running side by side now, over every call of `run`.
    private static let running = Atomic<Int>(0)

    /// Whether more than one job runs, so that kernels stay on their caller's thread.
    static var isCrowded: Bool { running.load(ordering: .relaxed) > 1 }

    /// The threads of one `run`, their results, and the caller's wait for them.
    private final class Group<T>: @unchecked Sendable {
      let count: Int
      let job: (Int) throws -> T
      var results: [Result<T, any Error>?]
      private var finished = 0
      private var mutex = pthread_mutex_t()
      private var done = pthread_cond_t()

      init(count: Int, job: @escaping (Int) throws -> T) {
        self.count = count
        self.job = job
        results = Array(repeating: nil, count: count)
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&done, nil)
      }

      deinit {
        pthread_cond_destroy(&done)
        pthread_mutex_destroy(&mutex)
      }

      /// Starts one thread per job (with the stack of the language's own thread: a job may
      /// run deep recursions such as a long tape's backward pass). A thread that cannot be
      /// created runs its job on the caller instead.
      func start() {
        SideBySide.running.wrappingAdd(count, ordering: .relaxed)
        for i in 0..<count where startDetachedThread(stackSize: 64 << 20, { self.execute(i) }) == nil {
          execute(i)
        }
      }

      /// Runs job `i` and records its result; the last one to finish wakes the caller.
      func execute(_ i: Int) {
        let result = Result { try job(i) }
        SideBySide.running.wrappingSubtract(1, ordering: .relaxed)
        pthread_mutex_lock(&mutex)
        results[i] = result
        finished += 1
        pthread_cond_signal(&done)
        pthread_mutex_unlock(&mutex)
      }

      /// Returns when every job has finished, calling `poll` every `interval` seconds meanwhile.
      func wait(interval: Double, poll: () -> Void) {
        pthread_mutex_lock(&mutex)
        while finished < count {
          var now = timespec()
          clock_gettime(CLOCK_REALTIME, &now)
          let nanoseconds = Int(now.tv_nsec) + Int(interval * 1e9)
          var deadline = timespec(tv_sec: now.tv_sec + nanoseconds / 1_000_000_000, tv_nsec: nanoseconds % 1_000_000_000)
          pthread_cond_timedwait(&done, &mutex, &deadline)
          pthread_mutex_unlock(&mutex)
          poll()
          pthread_mutex_lock(&mutex)
        }
        pthread_mutex_unlock(&mutex)
      }
    }
  #endif
}
