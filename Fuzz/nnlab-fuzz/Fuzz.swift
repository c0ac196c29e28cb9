/// Fuzzes the lab language: the parser and the evaluator, with the builtins that reach no
/// engine and no file, under small limits. `make fuzz` builds this with `-sanitize=fuzzer
/// -D FUZZING` and runs libFuzzer on `Fuzz/corpus` with `Fuzz/lab.dict`; built plainly it
/// replays the files named on its command line (a crash found is kept in `Fuzz/corpus`
/// and replayed by the tests).
import Bindings
import Foundation
import Kernel

/// Runs one input; a crash, not an error, is what the fuzzer looks for.
func runOne(_ bytes: UnsafeBufferPointer<UInt8>) {
  let source = String(decoding: bytes, as: UTF8.self)
  let session = Session(file: "fuzz.md", registry: .languageOnly(), memoryBudget: 256 << 20)
  _ = session.run(source, line: 1, timeout: 0.2)
}

#if FUZZING
  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    runOne(UnsafeBufferPointer(start: data, count: size))
    return 0
  }
#else
  /// Replays the files named on the command line.
  @main enum Replayer {
    static func main() {
      for path in CommandLine.arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else {
          FileHandle.standardError.write(Data("nnlab-fuzz: cannot read \(path)\n".utf8))
          exit(1)
        }
        data.withUnsafeBytes { runOne($0.bindMemory(to: UInt8.self)) }
        print("ran \(path)")
      }
    }
  }
#endif
