import Foundation
@testable import Hardware

/// External tools the cross-checks use; `make test` installs both, and tests
/// needing one fail when it is absent (`.requires`), never skip.
enum ExternalTools {
  static let abc = BerkeleyABC()
  static let yosysPath = "/usr/bin/yosys"
  static var yosysAvailable: Bool { FileManager.default.isExecutableFile(atPath: yosysPath) }

  /// Runs yosys on `script` in a temporary folder holding `files`; returns its output, its exit
  /// status when not 0, and the files it wrote.
  static func yosys(_ script: String, files: [String: String]) throws -> String {
    let result = try ExternalProcess.run(yosysPath, ["-p", script], files: files)
    var output = result.output
    if result.status != 0 { output += "\nEXIT \(result.status)" }
    for (name, contents) in result.written.sorted(by: { $0.key < $1.key }) { output += "\n=== \(name)\n" + contents }
    return output
  }
}
