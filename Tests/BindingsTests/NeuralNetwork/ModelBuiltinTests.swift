import Testing
@testable import Bindings
@testable import Kernel

@Suite struct ModelBuiltinTests {
  @Test func mlpMembers() {
    let source = """
      net = mlp([784, 256, 10], seed: 1)
      print(type(net), net.name, net.parameters, net.macs, net.input_shape, net.output_shape)
      print(net.layers, net.prunable)
      """
    #expect(
      output(source)
        == """
        Model mlp 203530 203264 [784] [10]
        ["flatten", "fc1", "relu1", "fc2"] ["fc1"]
        """)
  }

  @Test func layerObjects() {
    let source = """
      net = lenet5()
      c = net.layer("conv2")
      print(type(c), c.name, c.kind, c.parameters, c.macs, c.input_shape, c.output_shape)
      print(c.in_channels, c.out_channels, c.kernel_size, c.stride, c.padding, c.weight.shape, c.bias.shape, c.prunable)
      r = net.layer("relu1")
      print(r.kind, r.parameters, r.out_channels, r.weight, r.children)
      """
    #expect(
      output(source)
        == """
        Layer conv2 Conv2d 2416 240000 [6, 14, 14] [16, 10, 10]
        6 16 5 1 0 [16, 6, 5, 5] [16] true
        ReLU 0 none none []
        """)
  }

  @Test func containerLayersSumTheirChildren() {
    let source = """
      net = resnet(depth: 8, width: 0.5, seed: 3)
      s = net.layer("stage2")
      total = sum([net.layer(n).macs for n in net.layers if len(net.layer(n).children) == 0])
      print(s.kind, s.children, s.parameters == sum([net.layer(n).parameters for n in s.children]), total == net.macs)
      print(net.input_shape, net.layer("stage2.block1.conv1").prunable, net.layer("stage2.block1.conv2").prunable)
      """
    #expect(
      output(source)
        == """
        Sequential ["stage2.block1"] true true
        [1, 28, 28] true false
        """)
  }

  @Test func filtersAreRemovedInPlaceWithTheirCoupledChannels() {
    let source = """
      net = resnet(depth: 8, width: 0.5, shortcut: "b", seed: 3)
      print(net.coupled("stage1.block1.conv2"), net.coupled("stage1.block1.conv1"))
      before = net.parameters
      r = net.remove_filters("conv1", [0, 2])
      print(r.removed, r.kept, r.coupled, net.layer("stage1.block1.conv1").in_channels, net.parameters < before)
      print(net.remove_filters("stage1.block1.conv1", [1]).changed)
      """
    #expect(
      output(source)
        == """
        ["stage1.block1.conv2", "conv1"] ["stage1.block1.conv1"]
        [0, 2] 6 ["stage1.block1.conv2"] 6 true
        ["stage1.block1.conv1", "stage1.block1.bn1", "stage1.block1.conv2"]
        """)
    expectError("net = lenet5()\nnet.remove_filters(\"fc3\", [0])", at: "2:5", "Model.remove_filters(): the channels of 'fc3' reach the model's output; they cannot be removed")
    expectError(
      "net = quantize(mlp([2, 8, 3]), activations: 8, calibrate: synthetic(\"blobs\", n: 30))\nnet.remove_filters(\"fc1\", [0])",
      at: "2:5", "Model.remove_filters(): the model's activations are quantised; remove filters first, then quantize()")
    expectError("net = lenet5()\nnet.remove_filters(\"conv9\", [0])", at: "2:5", "Model.remove_filters(): model 'lenet5' has no layer 'conv9'; did you mean 'conv1'?")
  }

  @Test func modelsDisplayTheirSummaryTable() throws {
    let result = run("net = mlp([4, 8, 3])\nnet")
    #expect(result.error == nil)
    let table = try #require(result.outputs.compactMap { if case .table(let t) = $0 { return t } else { return nil } }.first)
    #expect(table.columns == ["layer", "type", "output", "params", "MACs"])
    #expect(
      table.rows.map { $0.map(\.text) } == [
        ["flatten", "Flatten", "[4]", "0", "0"], ["fc1", "Linear", "[8]", "40", "32"], ["relu1", "ReLU", "[8]", "0", "0"],
        ["fc2", "Linear", "[3]", "27", "24"], ["total", "", "", "67", "56"],
      ])
    #expect(texts(result).first == "Model mlp: input [4] -> output [3]")
  }

  @Test func summaryIsATable() {
    let source = """
      t = summary(vgg_small(width: 0.25), caption: "VGG-small")
      print(type(t), t.caption, t.columns, t.rows[-1].layer, t.rows[-1].params == vgg_small(width: 0.25).parameters)
      print(len(vgg_small(width: 0.25).summary().rows))
      """
    #expect(output(source) == "Table VGG-small [\"layer\", \"type\", \"output\", \"params\", \"MACs\"] total true\n24")
  }

  @Test func inputCanComeFromData() {
    let source = """
      d = synthetic("blobs", n: 60, classes: 4, dimensions: 5)
      print(mlp([5, 4], input: d).input_shape, lenet5(input: [1, 32, 32]).layer("fc1").in_channels, vgg16(width: 0.125).output_shape)
      print(lenet5(classes: 3).output_shape, resnet(depth: 20, width: 0.25).layer("stage3.block3.conv2").out_channels)
      """
    #expect(output(source) == "[5] 576 [10]\n[3] 16")
  }

  @Test func tensorsByName() {
    let source = """
      net = mlp([2, 3], seed: 7)
      w = net.tensor("fc1.weight")
      stats = [w.min == min(w.values), w.max == max(w.values), abs(w.mean - sum(w.values) / len(w.values)) < 1e-6, w.abs_max == max([abs(v) for v in w.values])]
      print(net.tensors, w.shape, w.count, len(w.values), stats == [true, true, true, true], w.abs_max <= 1 / sqrt(2))
      print(w)
      """
    #expect(output(source) == "[\"fc1.weight\", \"fc1.bias\"] [3, 2] 6 6 true true\n<Tensor fc1.weight [3, 2]>")
  }

  /// A copy starts equal; training the copy changes it and leaves the original as it was.
  @Test func copiesAreIndependent() {
    let source = """
      net = mlp([3, 3], seed: 7)
      other = net.copy()
      before = net.tensor("fc1.weight").values
      print(other.tensor("fc1.weight").values == before, mlp([3, 3], seed: 8).tensor("fc1.weight").values == before)
      train(other, synthetic("blobs", n: 60, classes: 3, dimensions: 3, seed: 2), epochs: 1)
      print(net.tensor("fc1.weight").values == before, other.tensor("fc1.weight").values != before)
      """
    #expect(output(source) == "true false\ntrue true")
  }

  @Test func badModelArgumentsAreExplained() {
    expectError("resnet(depth: 18)", at: "1:1", "resnet(): argument 'depth' must be 6n + 2 (20, 32, 44, 56, 110), got 18")
    expectError("vgg_small(width: 0)", at: "1:1", "vgg_small(): argument 'width' must be a positive channel multiplier up to 8, got 0")
    expectError("mlp([784])", at: "1:1", "mlp(): argument 'sizes' must list at least an input and an output size, all positive, got [784]")
    expectError("lenet5(input: [784])", at: "1:1", "lenet5(): argument 'input' must be images [channels, height, width] for lenet5(), got [784]")
    expectError(
      #"resnet(shortcut: "projection")"#, at: "1:1", #"resnet(): argument 'shortcut' must be one of "a", "b", got "projection""#)
    expectError("vgg_small(widht: 0.5)", at: "1:11", "vgg_small(): no argument 'widht'; did you mean 'width'?")
    expectError("mlp([4, 2]).layer(\"fc3\")", at: "1:13", "Model.layer(): model 'mlp' has no layer 'fc3'; did you mean 'fc1'?")
    expectError("mlp([4, 2]).paramters", at: "1:13", "Model has no member 'paramters'; did you mean 'parameters'?")
  }
}
