import Foundation

/// What a render wrote into its output folder, so the next render replaces exactly those
/// files and refuses a folder holding anything else (a notebook's data, someone's home).
///
/// Kept as `.nnlab-manifest` in the output folder: one relative path per line.
struct SiteManifest {
  /// The manifest's file name in the output folder.
  static let fileName = ".nnlab-manifest"

  /// The files the last render wrote, relative to the folder.
  var files: Set<String>

  /// Reads the manifest of `folder` (empty when there is none).
  init(folder: String) {
    let text = (try? String(contentsOfFile: folder + "/" + Self.fileName, encoding: .utf8)) ?? ""
    files = Set(text.split(separator: "\n").map(String.init))
  }

  /// Refuses to render into `folder` when it is the file system's root or the home folder, or
  /// holds files no render wrote, unless `force`.
  static func checkOutputFolder(_ folder: String, force: Bool) throws(SiteError) {
    guard !force else { return }
    let resolved = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath().path
    let home = FileManager.default.homeDirectoryForCurrentUser.standardizedFileURL.resolvingSymlinksInPath().path
    if resolved == "/" || resolved == home {
      throw SiteError("refusing to write the site into '\(folder)' (\(resolved == "/" ? "the root folder" : "the home folder")); choose another --out, or pass --force")
    }
    let written = SiteManifest(folder: folder).files
    let foreign = Self.entries(of: folder).filter { !written.contains($0) }
    if let first = foreign.first {
      throw SiteError(
        "refusing to write the site into '\(folder)': it holds \(foreign.count) file\(foreign.count == 1 ? "" : "s") "
          + "no render wrote (first: '\(first)'); choose an empty or new --out, or pass --force")
    }
  }

  /// Records `written` and the files of the last manifest that are still there.
  static func record(_ written: [String], in folder: String) throws(SiteError) {
    let present = Set(entries(of: folder))
    let files = SiteManifest(folder: folder).files.filter(present.contains).union(written)
    let path = folder + "/" + fileName
    do {
      try Data((files.sorted().joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw SiteError("cannot write '\(path)': \(error.localizedDescription)")
    }
  }

  /// The files under `folder`, relative to it, sorted, without the manifest and the
  /// temporary files of atomic writes.
  static func entries(of folder: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
    var found: [String] = []
    while let relative = enumerator.nextObject() as? String {
      var isDirectory: ObjCBool = false
      let full = folder + "/" + relative
      guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
        relative != fileName
      else { continue }
      found.append(relative)
    }
    return found.sorted()
  }
}
