#if os(Linux)
  import Foundation
  import Testing

  /// nnlab applies `HeapSettings` before its first thread starts, so the buffers of a training
  /// step come from heap memory the previous step freed instead of pages mapped fresh from the
  /// kernel. Measured as the minor page faults of the whole process (GNU time's `%R`): training four
  /// steps of a ResNet adds almost none to those of loading the data and building the network.
  /// With glibc's defaults the same training added about 38,000 (each step faulting its
  /// activations and workspaces in again).
  @Suite struct PageFaultTests {
    func minorFaults(_ source: String) throws -> Int {
      let folder = try temporaryFolder()
      try source.write(toFile: folder + "/n.md", atomically: true, encoding: .utf8)
      let (status, faults) = try underGNUTime("%R", ["run", folder + "/n.md"])
      #expect(status == 0)
      return Int(faults)
    }

    @Test func trainingStepsReuseTheHeapInsteadOfFaultingPagesIn() throws {
      let setup = """
        ```lab
        data = fashion_mnist(train: 512, test: 100, seed: 1, pad: 32)
        net = resnet(depth: 8, width: 0.5, input: data, seed: 1)
        ```
        """
      let training = setup + "\n\n```lab\ntrain(net, data, epochs: 1, batch: 128, seed: 1)\n```\n"
      let (before, after) = (try minorFaults(setup), try minorFaults(training))
      #expect(after - before < 15_000, "\(before) page faults to set up, \(after) with four training steps")
    }
  }
#endif
