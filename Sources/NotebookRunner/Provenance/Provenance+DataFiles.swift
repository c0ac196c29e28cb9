import Foundation
import Kernel

extension Provenance {
  /// The files behind `paths` (files and folders builtins read; a folder stands for the
  /// regular files in it), each with its size and SHA-256, sorted by path.
  ///
  /// `digest` hashes one file; the cell cache passes its own, which keeps digests in the store
  /// under each file's size and time, so a 30 MB data set is not hashed again at every render.
  static func dataFiles(_ paths: [String], digest: (String) -> Digest = Provenance.sha256) -> [DataFile] {
    let manager = FileManager.default
    var files = Set<String>()
    for path in paths {
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
      guard isDirectory.boolValue else {
        files.insert(path)
        continue
      }
      for name in (try? manager.subpathsOfDirectory(atPath: path)) ?? [] {
        let full = (path as NSString).appendingPathComponent(name)
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue { files.insert(full) }
      }
    }
    return files.sorted().map { path in
      let size = ((try? manager.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
      return DataFile(path: path, bytes: size, digest: digest(path).hex)
    }
  }

  /// The SHA-256 of a file's contents (of nothing when it cannot be read).
  static func sha256(_ path: String) -> Digest {
    SHA256.digest(FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? [])
  }
}
