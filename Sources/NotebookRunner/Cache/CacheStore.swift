import Foundation
import Kernel

/// The cell cache's folder: content-addressed files, each checksummed and written atomically.
///
/// `entries/KEY` holds a cell's effects, `blobs/DIGEST` large byte strings several entries
/// share (data sets), `traces/BASE` what earlier runs of a cell read (to find its key).
/// Every file is `NNLAB-CACHE-1\n`, the SHA-256 of the payload, then the payload: a
/// truncated or corrupt file fails its checksum and is removed (the cell runs). Files are
/// written to a temporary name and renamed, so two renders at once never see half a file;
/// when both write the same key they write the same bytes. The least recently used files
/// go when the folder outgrows its limit.
public final class CacheStore: @unchecked Sendable {
  /// The folder.
  public let root: URL
  private let fileManager = FileManager.default
  private static let magic = Array("NNLAB-CACHE-1\n".utf8)

  /// A store in `directory`, created if missing.
  public init(directory: String) throws {
    root = URL(fileURLWithPath: directory, isDirectory: true)
    for folder in ["entries", "blobs", "traces"] {
      try fileManager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
    }
  }

  /// The kinds of file.
  public enum Kind: String {
    case entries, blobs, traces
  }

  /// The path of a file.
  public func url(_ kind: Kind, _ name: String) -> URL {
    root.appendingPathComponent(kind.rawValue).appendingPathComponent(name)
  }

  /// Whether a file is present.
  public func contains(_ kind: Kind, _ name: String) -> Bool {
    fileManager.fileExists(atPath: url(kind, name).path)
  }

  /// A file's payload, or `nil` when missing; a file that fails its checksum (or, for a blob,
  /// whose checksum is not its name: a blob is named by its payload's digest) is removed and
  /// reported through `corrupt`.
  public func read(_ kind: Kind, _ name: String, corrupt: ((String) -> Void)? = nil) -> [UInt8]? {
    let file = url(kind, name)
    guard let data = fileManager.contents(atPath: file.path) else { return nil }
    let bytes = [UInt8](data)
    let head = Self.magic.count + 32
    guard bytes.count >= head, Array(bytes[0..<Self.magic.count]) == Self.magic,
      kind != .blobs || Digest(hex: name)?.bytes == Array(bytes[Self.magic.count..<head]),
      SHA256.digest(bytes[head...]).bytes == Array(bytes[Self.magic.count..<head])
    else {
      try? fileManager.removeItem(at: file)
      corrupt?("the \(kind == .entries ? "entry" : kind == .blobs ? "blob" : "trace") \(name.prefix(12)) was corrupt or truncated and was removed")
      return nil
    }
    // Reading counts as use, for the least-recently-used order.
    try? fileManager.setAttributes([.modificationDate: Date()], ofItemAtPath: file.path)
    return Array(bytes[head...])
  }

  /// Writes a file atomically (a temporary file renamed over the name).
  public func write(_ kind: Kind, _ name: String, _ payload: [UInt8]) throws {
    var bytes = Self.magic
    bytes += SHA256.digest(payload).bytes
    bytes += payload
    let final = url(kind, name)
    let temporary = root.appendingPathComponent(".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
    try Data(bytes).write(to: temporary)
    if rename(temporary.path, final.path) != 0 {
      try? fileManager.removeItem(at: temporary)
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final.path])
    }
  }

  /// Removes the least recently used files until the store holds at most `limit` bytes.
  public func evict(toFit limit: Int) {
    var files: [(url: URL, size: Int, used: Date)] = []
    for kind in [Kind.entries, .blobs, .traces] {
      let folder = root.appendingPathComponent(kind.rawValue)
      let names = (try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []
      for name in names {
        let file = folder.appendingPathComponent(name)
        guard let attributes = try? fileManager.attributesOfItem(atPath: file.path) else { continue }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        files.append((file, size, (attributes[.modificationDate] as? Date) ?? .distantPast))
      }
    }
    var total = files.reduce(0) { $0 + $1.size }
    guard total > limit else { return }
    for file in files.sorted(by: { $0.used < $1.used }) where total > limit {
      // Another render may remove it first; either way it is gone.
      try? fileManager.removeItem(at: file.url)
      total -= file.size
    }
  }
}
