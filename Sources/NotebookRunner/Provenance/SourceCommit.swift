import Foundation

/// The git commit nnlab was built from: the checkout that holds the running executable
/// (`.build/release/nnlab` sits inside the source tree).
enum SourceCommit {
  /// `0123abcd…`, with ` + local changes` when tracked sources differed at build time, or a remark when the
  /// last commit to the sources is newer than the executable; nil outside a git checkout or without git.
  static func ofExecutable() -> String? {
    guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath(),
      let root = checkoutRoot(above: executable.deletingLastPathComponent())
    else { return nil }
    guard let head = git(["rev-parse", "HEAD"], in: root), !head.isEmpty else { return nil }
    // The sources may have moved on since the build: then HEAD is not what the binary holds.
    // Commits that touch neither the sources nor the package (notebooks, docs, site) do not count.
    let committed = git(["log", "-1", "--format=%ct", "--", "Sources", "Package.swift"], in: root).flatMap(Double.init)
    let built = (try? FileManager.default.attributesOfItem(atPath: executable.path)[.modificationDate] as? Date)?
      .timeIntervalSince1970
    if let committed, let built, committed > built + 1 {
      return "\(head) (the checkout's HEAD; this nnlab was built before it)"
    }
    let changes = git(["status", "--porcelain", "--untracked-files=no", "--", "Sources", "Package.swift"], in: root)
    return builtIn(changes ?? "", root: root, built: built) ? "\(head) + local changes" : head
  }

  /// Whether any changed file of `git status --porcelain` may be in the executable: one edited
  /// after the build is not (its edit came later), one without a date (deleted) may be.
  static func builtIn(_ porcelain: String, root: URL, built: Double?) -> Bool {
    porcelain.split(separator: "\n").contains { line in
      guard line.count > 3, let built else { return true }
      // `XY path`, or `XY old -> new` for a rename.
      let path = line.dropFirst(3).components(separatedBy: " -> ").last ?? ""
      let attributes = try? FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(path).path)
      guard let edited = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 else { return true }
      return edited <= built
    }
  }

  /// The nearest folder at or above `folder` holding `.git` (a folder, or a file in a worktree).
  static func checkoutRoot(above folder: URL) -> URL? {
    var current = folder.standardizedFileURL
    while true {
      if FileManager.default.fileExists(atPath: current.appendingPathComponent(".git").path) { return current }
      let parent = current.deletingLastPathComponent()
      if parent.path == current.path { return nil }
      current = parent
    }
  }

  /// Runs git in `folder`; its trimmed output, or nil when it fails.
  private static func git(_ arguments: [String], in folder: URL) -> String? {
    let candidates = ["/usr/bin/git", "/usr/local/bin/git", "/opt/homebrew/bin/git"]
    guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = ["-C", folder.path] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
