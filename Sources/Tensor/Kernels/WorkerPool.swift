// Linux only: `Atomic` needs macOS 15 while the package supports macOS 14; elsewhere
// `Parallel` falls back to libdispatch.
#if os(Linux)
  import Glibc
  import Synchronization

  /// The engine's own worker threads: created once from the first caller, polling briefly for
  /// the next job and parked on a condition variable when none comes.
  ///
  /// A job is `count` iterations of one closure; the caller runs iterations
  /// too and returns when all are done. Own threads (rather than libdispatch's
  /// pool) inherit the caller's scheduling policy and priority and are always
  /// there: libdispatch may hold its workers back on a loaded machine, which
  /// silently serialises the kernels. Kernels start jobs microseconds apart, so
  /// a worker polls a flag for about 100 µs before parking: the next job starts
  /// without a wake-up through the kernel. A job started while another is
  /// running (from a worker, or from a second thread) runs on its caller alone.
  /// All job state is guarded by the mutex; only the polling reads atomics.
  final class WorkerPool: @unchecked Sendable {
    /// The pool shared by all kernels, with `EngineTuning.threadCount - 1` threads.
    nonisolated(unsafe) static var shared = WorkerPool(threads: EngineTuning.threadCount - 1)

    /// Loads of a flag before a polling thread parks or waits (about 100 µs).
    nonisolated(unsafe) static var pollBudget = 100_000

    private var mutex = pthread_mutex_t()
    private var wake = pthread_cond_t()
    private var finished = pthread_cond_t()
    private var job: ((Int) -> Void)? = nil
    private var next = 0
    private var count = 0
    private var remaining = 0
    private var busy = false
    /// Bumped (under the mutex) for every job; polled without it.
    private let generation = Atomic<Int>(0)
    /// Mirrors `remaining` for the caller's polling.
    private let pending = Atomic<Int>(0)
    private var threads: [pthread_t] = []

    init(threads count: Int) {
      pthread_mutex_init(&mutex, nil)
      pthread_cond_init(&wake, nil)
      pthread_cond_init(&finished, nil)
      for _ in 0..<Swift.max(0, count) {
        // A worker keeps its pool alive: it polls and parks for the life of the process.
        if let thread = startDetachedThread({ self.work() }) { threads.append(thread) }
      }
    }

    /// Runs `body(i)` for `i` in `0..<iterations` on the caller and the workers; returns when all are done.
    func run(_ iterations: Int, _ body: (Int) -> Void) {
      if iterations <= 0 { return }
      pthread_mutex_lock(&mutex)
      if busy || threads.isEmpty || iterations == 1 {
        // Nested or concurrent use: the caller does the work itself.
        pthread_mutex_unlock(&mutex)
        for i in 0..<iterations { body(i) }
        return
      }
      withoutActuallyEscaping(body) { escapable in
        busy = true
        job = escapable
        count = iterations
        next = 0
        remaining = iterations
        pending.store(iterations, ordering: .releasing)
        generation.wrappingAdd(1, ordering: .releasing)
        pthread_cond_broadcast(&wake)
        drain()
        if remaining > 0 {
          pthread_mutex_unlock(&mutex)
          var rounds = 0
          while pending.load(ordering: .acquiring) > 0 && rounds < WorkerPool.pollBudget { rounds += 1 }
          pthread_mutex_lock(&mutex)
        }
        while remaining > 0 { pthread_cond_wait(&finished, &mutex) }
        job = nil
        busy = false
      }
      pthread_mutex_unlock(&mutex)
    }

    /// Takes iterations until none are left; called with the mutex held, returns with it held.
    private func drain() {
      while next < count, let job {
        let i = next
        next += 1
        pthread_mutex_unlock(&mutex)
        job(i)
        pthread_mutex_lock(&mutex)
        remaining -= 1
        pending.store(remaining, ordering: .releasing)
        if remaining == 0 { pthread_cond_signal(&finished) }
      }
    }

    /// A worker's life: poll for a new job, park if none comes, help with it, repeat.
    private func work() {
      var seen = 0
      while true {
        var rounds = 0
        while generation.load(ordering: .acquiring) == seen && rounds < WorkerPool.pollBudget { rounds += 1 }
        pthread_mutex_lock(&mutex)
        while generation.load(ordering: .relaxed) == seen { pthread_cond_wait(&wake, &mutex) }
        seen = generation.load(ordering: .relaxed)
        drain()
        pthread_mutex_unlock(&mutex)
      }
    }
  }
#endif
