import Foundation

/// Finds the notebooks named on the command line: files as given, folders searched for `*.md`.
public enum NotebookDiscovery {
  /// A notebook to render and where its report goes.
  public struct Item: Sendable, Equatable {
    /// The notebook path (as given, or the folder joined with the file's relative path).
    public var path: String
    /// The report's path relative to the output folder, ending in `.html`.
    public var reportName: String
  }

  /// The notebooks under `paths`, in order: each argument in turn, a folder's files sorted by path.
  ///
  /// Folders are searched recursively for `*.md`, skipping hidden entries and `README.md` (a
  /// folder's own description, not a notebook). A path that does not exist is kept, so the
  /// render reports it as missing while the rest of the site still renders.
  public static func find(_ paths: [String]) -> [Item] {
    var items: [Item] = []
    // The site's own pages keep their names: `index.md` reports to `index-2.html`.
    var usedNames: Set<String> = ["index.html", "reference.html"]
    func add(_ path: String, name: String) {
      var reportName = String(name.dropLast(name.hasSuffix(".md") ? 3 : 0)) + ".html"
      var counter = 2
      while usedNames.contains(reportName) {
        reportName = String(name.dropLast(name.hasSuffix(".md") ? 3 : 0)) + "-\(counter).html"
        counter += 1
      }
      usedNames.insert(reportName)
      items.append(Item(path: path, reportName: reportName))
    }

    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        add(path, name: (path as NSString).lastPathComponent)
        continue
      }
      for relative in markdownFiles(in: path) {
        let joined = path.hasSuffix("/") ? path + relative : path + "/" + relative
        add(joined, name: relative)
      }
    }
    return items
  }

  /// Relative paths of the `*.md` files under `folder`, sorted.
  private static func markdownFiles(in folder: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
    var found: [String] = []
    while let relative = enumerator.nextObject() as? String {
      let name = (relative as NSString).lastPathComponent
      if name.hasPrefix(".") {
        enumerator.skipDescendants()
        continue
      }
      guard name.hasSuffix(".md"), name.lowercased() != "readme.md" else { continue }
      var isDirectory: ObjCBool = false
      let full = (folder as NSString).appendingPathComponent(relative)
      if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
        found.append(relative)
      }
    }
    return found.sorted()
  }
}
