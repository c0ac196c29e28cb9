import Foundation

/// The state of a session while cells run: global variables, call depth, outputs,
/// the interruption flag and the deadline.
final class Runtime {
  let file: String
  let registry: BuiltinRegistry
  /// The files builtins may read and write.
  let files: FileAccess
  /// Bytes a builtin may allocate from the sizes it is given (see ``Context/reserve(bytes:for:)``).
  let memoryBudget: Int
  private(set) var context: Context!

  // MARK: Globals, by slot. `nil`: declared (a function mentions it) but never assigned.
  private(set) var globals: UnsafeMutablePointer<Value?>
  /// One byte per global slot: set when the slot is read while ``recording`` (the cell cache).
  private(set) var readMarks: UnsafeMutablePointer<UInt8>
  private var globalCapacity: Int
  private(set) var globalNames: [String] = []
  private var globalSlots: [String: Int] = [:]

  // MARK: Execution state.
  var depth = 0
  var output = OutputCollector()
  /// The value of the cell's last expression statement.
  var lastValue: Value = .none
  /// Where that statement is, for an output-limit error while displaying it.
  var lastValuePos: SourcePos?
  var onProgress: (@Sendable (ProgressEvent) -> Void)?

  // MARK: The cell cache.
  /// Whether reads of globals, fields and files are being recorded (checked once per global read).
  var recording = false
  /// What the running cell read, while ``recording``.
  var reads = ReadLog()
  /// Every file and folder builtins read in this session, recorded or not (for the report's provenance).
  var filesRead: Set<String> = []
  /// The running cell's source, kept by the functions it defines.
  var cellSource: CellSource?

  // MARK: Interruption.
  private var ticks = Limits.ticksBetweenPolls
  private var deadline: UInt64 = .max
  private var timeout: Double = 0
  private let interruptLock = NSLock()
  private var interruptRequested = false

  init(file: String, registry: BuiltinRegistry, files: FileAccess, memoryBudget: Int) {
    self.files = files
    self.memoryBudget = memoryBudget
    self.file = file
    self.registry = registry
    globalCapacity = 64
    globals = .allocate(capacity: globalCapacity)
    globals.initialize(repeating: nil, count: globalCapacity)
    readMarks = .allocate(capacity: globalCapacity)
    readMarks.initialize(repeating: 0, count: globalCapacity)
    context = Context(runtime: self)
    for builtin in registry.builtins { define(builtin.name, .builtin(builtin)) }
    for constant in registry.constants { define(constant.name, constant.value) }
  }

  deinit {
    globals.deinitialize(count: globalCapacity)
    globals.deallocate()
    readMarks.deallocate()
  }

  /// The slot of a global, created (unassigned) when new.
  func globalSlot(_ name: String) -> Int {
    if let slot = globalSlots[name] { return slot }
    let slot = globalNames.count
    if slot == globalCapacity {
      let bigger = UnsafeMutablePointer<Value?>.allocate(capacity: globalCapacity * 2)
      bigger.moveInitialize(from: globals, count: globalCapacity)
      (bigger + globalCapacity).initialize(repeating: nil, count: globalCapacity)
      globals.deallocate()
      globals = bigger
      let marks = UnsafeMutablePointer<UInt8>.allocate(capacity: globalCapacity * 2)
      marks.initialize(from: readMarks, count: globalCapacity)
      (marks + globalCapacity).initialize(repeating: 0, count: globalCapacity)
      readMarks.deallocate()
      readMarks = marks
      globalCapacity *= 2
    }
    globalNames.append(name)
    globalSlots[name] = slot
    return slot
  }

  /// Notes that the running cell read global `slot` (only while ``recording``).
  @inline(__always)
  func markRead(_ slot: Int) {
    readMarks[slot] = 1
  }

  /// Starts recording reads: clears the marks and the log.
  func startRecording() {
    readMarks.update(repeating: 0, count: globalCapacity)
    reads = ReadLog()
    recording = true
  }

  /// Stops recording; returns the slots read whole and the rest of the log.
  func stopRecording() -> (globals: [Int], log: ReadLog) {
    recording = false
    let slots = (0..<globalNames.count).filter { readMarks[$0] != 0 }
    let log = reads
    reads = ReadLog()
    return (slots, log)
  }

  /// Assigns a global by name.
  func define(_ name: String, _ value: Value) {
    // Resolve the slot first: it may grow (reallocate) `globals`, which must not be read before.
    let slot = globalSlot(name)
    globals[slot] = value
  }

  /// The value of a global by name, if assigned.
  func global(_ name: String) -> Value? {
    globalSlots[name].flatMap { globals[$0] }
  }

  /// Names of assigned globals, for suggestions.
  var definedGlobalNames: [String] {
    globalNames.indices.compactMap { globals[$0] == nil ? nil : globalNames[$0] }
  }

  // MARK: Interruption and deadlines

  /// Starts a cell: clears the interrupt flag and arms the timeout.
  func beginCell(timeout: Double?) {
    interruptLock.withLock { interruptRequested = false }
    depth = 0
    output = OutputCollector()
    lastValue = .none
    ticks = Limits.ticksBetweenPolls
    if let timeout, timeout > 0, timeout.isFinite {
      self.timeout = timeout
      deadline = DispatchTime.now().uptimeNanoseconds &+ UInt64(min(timeout, 1e9) * 1e9)
    } else {
      deadline = .max
    }
  }

  /// Asks the running cell to stop; safe from any thread.
  func requestInterrupt() {
    interruptLock.withLock { interruptRequested = true }
  }

  /// Cheap check at every loop iteration and call: a counter, with a real look every few hundred ticks.
  @inline(__always)
  func tick(at pos: SourcePos) throws {
    ticks &-= 1
    if ticks <= 0 { try poll(at: pos) }
  }

  /// Looks at the interrupt flag and the clock now.
  func poll(at pos: SourcePos?) throws {
    ticks = Limits.ticksBetweenPolls
    if interruptLock.withLock({ interruptRequested }) {
      throw Diagnostic("interrupted", at: pos)
    }
    if deadline != .max && DispatchTime.now().uptimeNanoseconds >= deadline {
      throw Diagnostic("cell timed out after \(NumberFormatting.plain(timeout)) s", at: pos)
    }
  }

  /// Breaks the cycles globals may form (a function value whose frame holds it) when the session ends.
  func clearGlobals() {
    for slot in 0..<globalNames.count { globals[slot] = nil }
  }
}
