#if os(Linux)
  import Glibc

  /// Starts a detached thread that runs `body`, with a stack of `stackSize` bytes (the system's
  /// default when nil). Returns the thread, or nil when the system cannot create one.
  func startDetachedThread(stackSize: Int? = nil, _ body: @escaping () -> Void) -> pthread_t? {
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    if let stackSize { pthread_attr_setstacksize(&attributes, stackSize) }
    let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    var thread = pthread_t()
    let created = pthread_create(
      &thread, &attributes,
      { raw in
        guard let raw else { return nil }
        Unmanaged<ThreadBody>.fromOpaque(raw).takeRetainedValue().body()
        return nil
      }, context)
    guard created == 0 else {
      Unmanaged<ThreadBody>.fromOpaque(context).release()
      return nil
    }
    pthread_detach(thread)
    return thread
  }

  /// What a new thread is handed: its body, kept alive until the thread takes it.
  private final class ThreadBody {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
  }
#endif
