import Foundation
import Kernel

/// Runs the cells of one notebook through the cell cache: a cell whose source, options and
/// everything it read (values down to record fields, files, generators' states, the build)
/// match an entry is restored from it; otherwise it runs and its effects are stored.
///
/// A cell's key is found in two steps. Its *base* digests the build, its source and its
/// options; the store's trace for that base lists what earlier runs read (names, fields,
/// files) with digests of those values. The first listed set whose digests all match the
/// session now names the entry. Values are digested by content (objects through their
/// cache encoding), so a value that cannot be digested makes the cell run, never hit wrongly.
final class CellCache {
  let store: CacheStore
  let session: Session
  let settings: CacheSettings
  /// The build's digest combined with the session's memory budget.
  let build: Digest
  /// Digests of objects that never change, kept for the whole run (a data set is hashed once).
  private var leafDigests: [ObjectIdentifier: (object: AnyObject, digest: Digest)] = [:]
  /// Digests of objects that change in place but hold no others (a model), kept until a cell
  /// runs or a hit restores their state (by state owner), so a run of hits hashes each model once.
  private var ownedDigests: [ObjectIdentifier: (object: AnyObject, owner: ObjectIdentifier, digest: Digest)] = [:]
  /// Digests of objects that hold others (a pruning result), valid for the current cell only
  /// (cheap: the objects they hold are written as their digests).
  private var cellDigests: [ObjectIdentifier: Digest] = [:]
  /// Objects whose digest is being taken (an object that holds itself cannot be digested).
  private var digesting: Set<ObjectIdentifier> = []
  /// File digests, each file hashed once.
  private let files: FileDigests
  /// Store problems seen (a corrupt entry), for the run's notes.
  private(set) var notes: [String] = []
  /// Files and folders read by the cells restored from the cache (their builtins did not run
  /// this time, but the report's provenance lists what the results came from).
  private(set) var filesReadByHits: Set<String> = []

  /// Seconds the cache's own work took in this run, by kind.
  private(set) var cost = CacheCost()

  /// The candidate read sets kept per base key.
  static let candidatesKept = 8

  init(store: CacheStore, session: Session, settings: CacheSettings) {
    self.store = store
    self.session = session
    self.settings = settings
    self.files = FileDigests(store: store)
    var hash = SHA256()
    hash.update(CellCache.buildDigest(registry: session.registry).bytes)
    hash.update(field: "memory budget \(session.memoryBudget)")
    self.build = hash.finish()
  }

  /// nnlab's version, the builtin registry's digest, the executable's contents (a rebuilt
  /// engine may compute other numbers with the same builtins; a copy of the same executable
  /// elsewhere computes the same: ``ExecutableIdentity``), and the machine's kind as the
  /// provenance names it: another CPU, BLAS kernel or thread count rounds differently, so a
  /// store shared between machines never serves another machine's numbers.
  static func buildDigest(registry: BuiltinRegistry) -> Digest {
    var hash = SHA256()
    hash.update(field: "nnlab \(NNLab.version)")
    hash.update(registry.signatureDigest.bytes)
    let machine = Provenance.current(parameters: Record())
    for fact in [machine.cpu, machine.cpuVectorExtensions.joined(separator: ","), machine.kernelISA, machine.blasCore,
                 machine.blasCoreOverride ?? "", String(machine.threads)] {
      hash.update(field: fact)
    }
    hash.update(field: ExecutableIdentity.current)
    return hash.finish()
  }

  // MARK: Running a cell

  /// Runs or restores `cell`; `enabled` is false for a cell that opted out (`cache: false`).
  func run(_ cell: CodeCell, enabled: Bool, timeout: Double?) -> (CellOutcome, CellCacheStatus) {
    cellDigests = [:]
    guard enabled else {
      let result = session.run(cell.source, line: cell.line, column: cell.column, timeout: timeout)
      return (CellOutcome(outputs: result.outputs, error: result.error), .uncached(reason: cell.options.cache == false ? "cache: false" : "the notebook's cache is off"))
    }
    let base = timed(\.keys) { baseKey(cell) }
    var reason = "no entry for this source and options yet"
    if let label = cell.options.label, settings.refresh.contains(label) {
      reason = "--refresh \(label)"
    } else {
      switch timed(\.lookups, { lookup(base) }) {
      case .hit(let outputs, let computed):
        session.remember(cell.source, line: cell.line, column: cell.column)
        return (CellOutcome(outputs: outputs), .hit(computedIn: computed))
      case .miss(let why): reason = why ?? reason
      }
    }
    return runAndStore(cell, base: base, reason: reason, timeout: timeout)
  }

  private enum Lookup {
    case hit([DisplayItem], computedIn: Double?)
    case miss(String?)
  }

  private func lookup(_ base: Digest) -> Lookup {
    guard let trace = readTrace(base), !trace.candidates.isEmpty else { return .miss(nil) }
    var difference: String?
    for candidate in trace.candidates {
      let deps: [Dependency]
      do {
        deps = try dependencies(candidate.reads) { self.session.value(of: $0) }
      } catch {
        difference = difference ?? "\(error)"
        continue
      }
      guard deps.map(\.digest) == candidate.deps.map(\.digest) else {
        if difference == nil, let changed = zip(candidate.deps, deps).first(where: { $0.digest != $1.digest }) {
          if changed.0.label == "aliasing" {
            difference = "names it read are aliased differently"
          } else if changed.0.shown == changed.1.shown {
            difference = "\(changed.0.label) changed"
          } else {
            difference = "\(changed.0.label) \(changed.0.shown) → \(changed.1.shown)"
          }
        }
        continue
      }
      guard let bytes = store.read(.entries, candidate.key, corrupt: { self.notes.append("cell cache: \($0)") }) else {
        difference = difference ?? "its entry was missing or corrupt"
        continue
      }
      do {
        let (outputs, restored) = try session.applyEffects(bytes, reads: candidate.reads) { digest in
          guard let blob = self.store.read(.blobs, digest.hex, corrupt: { self.notes.append("cell cache: \($0)") }) else {
            throw CacheFormatError("blob \(digest.hex.prefix(12)) is missing")
          }
          return blob
        }
        remember(restored: restored)
        filesReadByHits.formUnion(candidate.reads.files)
        return .hit(outputs, computedIn: candidate.seconds)
      } catch {
        try? FileManager.default.removeItem(at: store.url(.entries, candidate.key))
        difference = "its entry could not be restored (\(error))"
      }
    }
    return .miss(difference)
  }

  private func runAndStore(_ cell: CodeCell, base: Digest, reason: String, timeout: Double?) -> (CellOutcome, CellCacheStatus) {
    let before = timed(\.keys) { () -> EnvironmentSnapshot in
      let before = session.snapshot()
      digestObjectsBefore(before)
      return before
    }
    let start = DispatchTime.now().uptimeNanoseconds
    let (result, reads) = session.runRecording(cell.source, line: cell.line, column: cell.column, timeout: timeout)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    // The digests taken before the cell ran may be wrong now for any object it reached: they key
    // the cell and tell what it changed, then they are forgotten, whichever way this ends.
    var digestsBefore: [ObjectIdentifier: Digest]?
    func forgetDigests() {
      guard digestsBefore == nil else { return }
      digestsBefore = ownedDigests.mapValues(\.digest).merging(cellDigests) { a, _ in a }
      ownedDigests = [:]
      cellDigests = [:]
    }
    defer { forgetDigests() }
    let outcome = CellOutcome(outputs: result.outputs, error: result.error)
    if result.error != nil { return (outcome, .uncached(reason: "it raised an error (errors are not cached)")) }
    if reads.wroteFiles { return (outcome, .uncached(reason: "it wrote a file (a hit would not write it)")) }
    do {
      let (deps, bound) = try timed(\.keys) {
        (try dependencies(reads) { before[$0] }, session.boundNames(since: before, written: reads.written))
      }
      forgetDigests()
      let digests = digestsBefore ?? [:]
      let effects = try timed(\.encoding) {
        try session.encodeEffects(
          outputs: result.outputs, bound: bound, reads: reads, before: before,
          digestBefore: { digests[self.session.cacheKeyIdentity(of: $0)] }, digestNow: objectDigest)
      }
      let key = timed(\.keys) { () -> String in
        var hash = SHA256()
        hash.update(base.bytes)
        for dep in deps {
          hash.update(field: dep.label)
          hash.update(dep.digest.bytes)
        }
        return hash.finish().hex
      }
      try timed(\.writing) {
        for (digest, blob) in effects.blobs where !store.contains(.blobs, digest.hex) {
          try store.write(.blobs, digest.hex, blob)
        }
        try store.write(.entries, key, effects.bytes)
        var trace = readTrace(base) ?? Trace(candidates: [])
        trace.candidates.removeAll { $0.key == key }
        trace.candidates.insert(Trace.Candidate(key: key, reads: reads, deps: deps, seconds: seconds), at: 0)
        trace.candidates = Array(trace.candidates.prefix(Self.candidatesKept))
        try store.write(.traces, base.hex, Array(try JSONEncoder().encode(trace)))
      }
      return (outcome, .ran(reason: reason))
    } catch let error as CacheUnsupported {
      return (outcome, .uncached(reason: error.message))
    } catch {
      return (outcome, .uncached(reason: "the store could not be written (\(error))"))
    }
  }

  /// Runs `body`, adding its CPU and wall time to the cost of `kind`.
  private func timed<T>(_ kind: WritableKeyPath<CacheCost, CacheCost.Seconds>, _ body: () throws -> T) rethrows -> T {
    let start = DispatchTime.now().uptimeNanoseconds
    let cpu = CacheCost.threadCPUSeconds()
    defer {
      cost[keyPath: kind].wall += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      cost[keyPath: kind].cpu += CacheCost.threadCPUSeconds() - cpu
    }
    return try body()
  }

  /// Evicts the least recently used files above the size limit (timed as writing).
  func evict(toFit limit: Int) {
    timed(\.writing) { store.evict(toFit: limit) }
  }

  // MARK: Keys

  /// The build, the source and the options.
  func baseKey(_ cell: CodeCell) -> Digest {
    var hash = SHA256()
    hash.update(build.bytes)
    hash.update(field: cell.source)
    let options = cell.options
    hash.update(field: options.label ?? "")
    hash.update(field: options.caption ?? "")
    hash.update(field: "\(options.echo) \(options.output) \(options.error) \(options.timeout.map { "\($0)" } ?? "-")")
    return hash.finish()
  }

  /// One thing a cell read, with the digest of its value and a short form for `--explain`.
  struct Dependency: Codable, Equatable {
    var label: String
    var digest: Digest
    var shown: String
  }

  /// The digests of what `reads` names, with `value` giving each global's value.
  private func dependencies(_ reads: CellReads, value: (String) -> Value?) throws -> [Dependency] {
    var deps: [Dependency] = []
    func add(_ label: String, _ value: Value?) throws {
      guard let value else {
        deps.append(Dependency(label: label, digest: SHA256.digest(Array("unassigned".utf8)), shown: "unassigned"))
        return
      }
      do {
        deps.append(Dependency(label: label, digest: try session.digest(value, object: objectDigest), shown: Self.shown(value)))
      } catch let error as CacheUnsupported {
        throw CacheUnsupported("it reads \(label), and \(error.message)")
      }
    }
    for name in reads.names { try add(name, value(name)) }
    for name in reads.fields.keys.sorted() {
      guard case .record(let record)? = value(name) else {
        try add(name, value(name))
        continue
      }
      for field in reads.fields[name]! { try add("\(name).\(field)", record[field]) }
    }
    for path in reads.files {
      let digest = fileDigest(path)
      deps.append(Dependency(label: path, digest: digest, shown: "contents \(digest.hex.prefix(8))"))
      // What the sandbox says of the file now: a cell that read it under a wider sandbox must
      // not hit under one that refuses it.
      let verdict = session.sandboxAllowsReading(path) ? "readable" : "refused"
      deps.append(Dependency(label: "sandbox: \(path)", digest: SHA256.digest(Array(verdict.utf8)), shown: verdict))
    }
    let aliasing = session.reachableObjects(reads, in: value).aliasing
    deps.append(Dependency(label: "aliasing", digest: aliasing, shown: ""))
    return deps
  }

  /// `4`, `"talk"`, `<Model>`, `[3 items]`: at most 40 characters. Objects show their type only:
  /// their summaries may need what a hit left unmade (a data set's examples).
  static func shown(_ value: Value) -> String {
    let text: String
    switch value {
    case .object(let object): text = "<\(object.instanceTypeName)>"
    case .list(let items) where items.contains(where: holdsObjects): text = "[\(items.count) items]"
    case .record(let record) where record.fields.contains(where: { holdsObjects($0.value) }): text = "{\(record.fields.count) fields}"
    default: text = ValueText.format(value)
    }
    return text.count > 40 ? String(text.prefix(39)) + "…" : text
  }

  private static func holdsObjects(_ value: Value) -> Bool {
    switch value {
    case .object: return true
    case .list(let items): return items.contains(where: holdsObjects)
    case .record(let record): return record.fields.contains { holdsObjects($0.value) }
    default: return false
    }
  }

  private func objectDigest(_ object: LabObject) throws -> Digest {
    let identity = session.cacheKeyIdentity(of: object)
    if let known = leafDigests[identity] { return known.digest }
    if let known = ownedDigests[identity] { return known.digest }
    if let known = cellDigests[identity] { return known }
    guard digesting.insert(identity).inserted else { throw CacheUnsupported("a \(object.instanceTypeName) holds itself") }
    defer { digesting.remove(identity) }
    let digest = try session.contentDigest(of: object, nested: objectDigest)
    if session.isImmutableLeaf(object) {
      leafDigests[identity] = (object, digest)
    } else if session.holdsNoObjects(object) {
      ownedDigests[identity] = (object, session.stateOwners(of: object)[0], digest)
    } else {
      cellDigests[identity] = digest
    }
    return digest
  }

  /// After a hit: forgets the digests of every object whose state a restore changed (by state
  /// owner, so a wrapper sharing a restored network is forgotten too) and keeps the restored
  /// objects' new digests, which the entry carries.
  private func remember(restored: [(object: LabObject, digest: Digest)]) {
    guard !restored.isEmpty else { return }
    let owners = Set(restored.flatMap { session.stateOwners(of: $0.object) })
    ownedDigests = ownedDigests.filter { !owners.contains($0.value.owner) }
    cellDigests = [:]
    for (object, digest) in restored where session.holdsNoObjects(object) {
      ownedDigests[session.cacheKeyIdentity(of: object)] = (object, session.stateOwners(of: object)[0], digest)
    }
  }

  /// Digests every object that may change, before the cell runs (it may change them).
  private func digestObjectsBefore(_ before: EnvironmentSnapshot) {
    let everything = CellReads(names: before.names)
    for object in session.reachableObjects(everything, in: { before[$0] }).objects where !session.isImmutableLeaf(object) {
      _ = try? objectDigest(object)
    }
  }

  /// The digest of a file's contents, or of a folder's files (names and contents).
  func fileDigest(_ path: String) -> Digest { files.digest(path) }

  // MARK: Traces

  /// What earlier runs of a cell read, newest first.
  struct Trace: Codable {
    struct Candidate: Codable {
      var key: String
      var reads: CellReads
      var deps: [Dependency]
      /// Seconds the cell took when it ran (absent from traces written before nnlab kept it).
      var seconds: Double?
    }
    var candidates: [Candidate]
  }

  private func readTrace(_ base: Digest) -> Trace? {
    guard let bytes = store.read(.traces, base.hex, corrupt: { self.notes.append("cell cache: \($0)") }) else { return nil }
    return try? JSONDecoder().decode(Trace.self, from: Data(bytes))
  }
}

extension Digest: Codable {
  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let digest = Digest(hex: text) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a digest"))
    }
    self = digest
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(hex)
  }
}

extension CellReads: Codable {
  enum CodingKeys: String, CodingKey { case names, fields, files }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      names: try container.decode([String].self, forKey: .names), fields: try container.decode([String: [String]].self, forKey: .fields),
      files: try container.decode([String].self, forKey: .files))
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(names, forKey: .names)
    try container.encode(fields, forKey: .fields)
    try container.encode(files, forKey: .files)
  }
}
