/// Fuzzes the lab language: the parser and the evaluator, with the builtins that reach no
/// engine and no file, under small limits. `make fuzz` builds this with `-sanitize=fuzzer
/// -D FUZZING` and runs libFuzzer on `Fuzz/corpus` with `Fuzz/lab.dict`; built plainly it
/// replays the files named on its command line (a crash found is kept in `Fuzz/corpus`,
/// whose files the tests' seeded smoke mutates).
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
  /// libFuzzer's driver (`libclang_rt.fuzzer`): SwiftPM names this program's entry point
  /// itself, so libFuzzer's own `main` is not used and the driver is called from ours.
  @_silgen_name("LLVMFuzzerRunDriver")
  func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt
#endif

@main enum Fuzz {
  static func main() {
    #if FUZZING
      var argc = CommandLine.argc
      var argv = CommandLine.unsafeArgv
      exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data else { return 0 }
        runOne(UnsafeBufferPointer(start: data, count: size))
        return 0
      })
    #else
      for path in CommandLine.arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else {
          FileHandle.standardError.write(Data("nnlab-fuzz: cannot read \(path)\n".utf8))
          exit(1)
        }
        data.withUnsafeBytes { runOne($0.bindMemory(to: UInt8.self)) }
        print("ran \(path)")
      }
    #endif
  }
}
