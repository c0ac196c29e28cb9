import Foundation

/// Which files the builtins of a session may read and write: the sandbox that makes a
/// stranger's notebook safe to render.
///
/// Builtins read only under the notebook's folder and the `readable` folders (the data sets
/// and cell libraries the bindings know, `--allow-read`), and write only under the
/// notebook's folder and the `writable` folders (`--out`, `--allow-write`). `trusted`
/// (`--trust`) turns the sandbox off. Paths are compared after `..` and symbolic links are
/// resolved, so neither leads out.
public struct FileAccess: Sendable, Equatable {
  /// Folders whose files may be read, besides the notebook's and the writable ones.
  public var readable: [String]
  /// Folders whose files may be written (and read), besides the notebook's.
  public var writable: [String]
  /// Whether every path is allowed.
  public var trusted: Bool

  /// A sandbox with these folders open besides the notebook's.
  public init(readable: [String] = [], writable: [String] = [], trusted: Bool = false) {
    self.readable = readable
    self.writable = writable
    self.trusted = trusted
  }

  /// No sandbox: any path may be read or written.
  public static let unrestricted = FileAccess(trusted: true)

  /// Whether reading or writing.
  public enum Mode: Sendable {
    case read, write
  }

  /// Checks `path` (absolute) for `mode` by `function` with `folder` as the notebook's folder;
  /// throws an error that names the rule and the flag that widens it.
  public func check(_ path: String, _ mode: Mode, by function: String, notebookFolder folder: String) throws {
    guard !trusted else { return }
    let resolved = FileAccess.resolve(path)
    let roots = [folder] + writable + (mode == .read ? readable : [])
    if roots.contains(where: { FileAccess.contains(FileAccess.resolve($0), resolved) }) { return }
    switch mode {
    case .read:
      throw LabError(
        "\(function)(): cannot read '\(path)': notebooks may read only under their own folder, the data folders nnlab knows and "
          + "--out; --allow-read DIR widens that, --trust turns the sandbox off")
    case .write:
      throw LabError(
        "\(function)(): cannot write '\(path)': notebooks may write only under their own folder and --out; "
          + "--allow-write DIR widens that, --trust turns the sandbox off")
    }
  }

  /// Whether `path` is `root` or lies below it (both resolved).
  static func contains(_ root: String, _ path: String) -> Bool {
    root == "/" || path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
  }

  /// `path` made absolute and standard, with the symbolic links of its longest existing prefix
  /// resolved (a file about to be written does not exist yet; its folder may be a link).
  static func resolve(_ path: String) -> String {
    var existing = URL(fileURLWithPath: path).standardizedFileURL
    var rest: [String] = []
    while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
      rest.insert(existing.lastPathComponent, at: 0)
      existing.deleteLastPathComponent()
    }
    var resolved = existing.resolvingSymlinksInPath()
    for component in rest { resolved.appendPathComponent(component) }
    return resolved.standardizedFileURL.path
  }
}
