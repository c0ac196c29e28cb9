import Foundation
import Kernel

/// Digests of files and folders for the cell cache, each file hashed once: a digest is kept
/// under the file's path, size, modification time and inode, in this run and in the store, so
/// a 30 MB data set or the 30 MB executable is hashed once, not at every render.
final class FileDigests {
  private let store: CacheStore
  private var known: [String: Digest] = [:]

  init(store: CacheStore) {
    self.store = store
  }

  /// The digest of a file's contents, or of a folder's files (names and contents); a missing
  /// path has a digest of its own.
  func digest(_ path: String) -> Digest {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { return SHA256.digest(Array("missing".utf8)) }
    if isDirectory.boolValue {
      var hash = SHA256()
      let names = ((try? manager.subpathsOfDirectory(atPath: path)) ?? []).sorted()
      for name in names {
        let full = (path as NSString).appendingPathComponent(name)
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue else { continue }
        hash.update(field: name)
        hash.update(digest(full).bytes)
      }
      return hash.finish()
    }
    let attributes = try? manager.attributesOfItem(atPath: path)
    let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
    let time = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
    let inode = (attributes?[.systemFileNumber] as? NSNumber)?.intValue ?? -1
    let stamp = "\(path)|\(size)|\(time.bitPattern)|\(inode)"
    if let digest = known[stamp] { return digest }
    let stampName = "file-" + SHA256.digest(Array(stamp.utf8)).hex
    if let saved = store.read(.traces, stampName).flatMap({ Digest(hex: String(decoding: $0, as: UTF8.self)) }) {
      known[stamp] = saved
      return saved
    }
    let digest = manager.contents(atPath: path).map { SHA256.digest([UInt8]($0)) } ?? SHA256.digest(Array("unreadable".utf8))
    known[stamp] = digest
    try? store.write(.traces, stampName, Array(digest.hex.utf8))
    return digest
  }
}
