/// What a cell read while it ran, for the cell cache, besides the globals it read whole
/// (marked in `Runtime.readMarks`, one byte store per read): fields of record globals
/// (`params.epochs`), files, the globals it assigned, and whether it wrote any file.
struct ReadLog {
  /// Fields read of record globals, by slot.
  private(set) var fields: [Int: Set<String>] = [:]
  /// Absolute paths of files and folders read.
  private(set) var files: Set<String> = []
  /// Globals the cell assigns (at its top level, or through `x += 1` and `x.a = 1` anywhere).
  private(set) var writes: Set<Int> = []
  /// Whether a builtin asked to write a file (such a cell is not cached: a hit would not write it).
  var wroteFiles = false

  mutating func noteField(_ slot: Int, _ name: String) {
    fields[slot, default: []].insert(name)
  }

  mutating func noteWrite(_ slot: Int) {
    writes.insert(slot)
  }

  mutating func noteFile(_ path: String) {
    files.insert(path)
  }
}

/// The source of a cell, as the session ran it (functions keep it to be compiled again).
struct CellSource {
  let text: String
  let line: Int
  let column: Int
}
