import Foundation

/// A notebook of 200 trivial cells with prose, rendered by nnlab and, when installed, by Jupyter.
enum RunnerBenchmark {
  static let cells = 200

  static func run() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-bench-runner-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }

    let notebook = dir.appendingPathComponent("trivial.md")
    try labNotebook().write(to: notebook, atomically: true, encoding: .utf8)
    let nnlab = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("nnlab").path
    guard FileManager.default.isExecutableFile(atPath: nnlab) else {
      throw Command.Failure(description: "\(nnlab) not found: build it with `swift build -c release --product nnlab`")
    }
    let out = dir.appendingPathComponent("site").path
    let ours = try Timing.best(of: 5) {
      try Command.run(nnlab, ["render", notebook.path, "--out", out])
    }
    print(String(format: "  nnlab render (%d cells, process wall, best of 5): %.3f s  (target < 0.1 s)", cells, ours))

    guard let jupyter = Command.which("jupyter") else {
      print("  jupyter: not installed (pip install nbconvert ipykernel) — peer skipped")
      return
    }
    let ipynb = dir.appendingPathComponent("trivial.ipynb")
    try jupyterNotebook().write(to: ipynb, atomically: true, encoding: .utf8)
    let theirs = try Timing.best(of: 2) {
      try Command.run(jupyter, ["nbconvert", "--execute", "--to", "html", "--output-dir", out, ipynb.path])
    }
    print(String(format: "  jupyter nbconvert --execute --to html (best of 2): %.3f s", theirs))
    print("  nnlab is \(ratio(theirs / ours)) faster (target 30x)")
  }

  static func labNotebook() -> String {
    var text = "---\ntitle: Two hundred trivial cells\n---\n\n"
    for i in 0..<cells {
      text += "Cell \(i) doubles its index, which is *trivial* work.\n\n```lab\nx\(i) = \(i) * 2\nx\(i)\n```\n\n"
    }
    return text
  }

  static func jupyterNotebook() -> String {
    var cellsJSON: [String] = []
    for i in 0..<cells {
      cellsJSON.append(#"{"cell_type":"markdown","metadata":{},"source":["Cell \#(i) doubles its index, which is *trivial* work."]}"#)
      cellsJSON.append(#"{"cell_type":"code","execution_count":null,"metadata":{},"outputs":[],"source":["x\#(i) = \#(i) * 2\n","x\#(i)"]}"#)
    }
    return #"{"cells":[\#(cellsJSON.joined(separator: ","))],"metadata":{"kernelspec":{"display_name":"Python 3","language":"python","name":"python3"}},"nbformat":4,"nbformat_minor":5}"#
  }
}
