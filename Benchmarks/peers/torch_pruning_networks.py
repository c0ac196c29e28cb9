"""Times PyTorch training the class-aware pruning notebook's two networks, for a side-by-side peer.

VGG16 (13 convolutions with BN and ReLU, average pool, 512w-512w-10 classifier) at width 0.25 and a
CIFAR ResNet-32 (option-A shortcuts) at width 0.5, as `vgg16` and `resnet` build them in nnlab, on
1x32x32 inputs: SGD lr 0.05, momentum 0.9, weight decay 5e-4, batch 128, over random images (the
time of a step does not depend on the pixels). Prints seconds per `--images` images, twice per
network (the first run includes warm-up).

    python3 Benchmarks/peers/torch_pruning_networks.py [--images 6000] [--threads 2]

Compare with `nnlab run` of a one-cell notebook training the same network on as many images.
"""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def scaled(base, width):
    return max(1, round(base * width))


def vgg16(width):
    config = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]
    layers, channels = [], 1
    for v in config:
        if v == "M":
            layers.append(nn.MaxPool2d(2))
            continue
        out = scaled(v, width)
        layers += [nn.Conv2d(channels, out, 3, padding=1, bias=False), nn.BatchNorm2d(out), nn.ReLU(True)]
        channels = out
    hidden = scaled(512, width)
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(channels, hidden),
                         nn.BatchNorm1d(hidden), nn.ReLU(True), nn.Linear(hidden, 10))


class Block(nn.Module):
    def __init__(self, channels, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.stride, self.extra = stride, planes - channels

    def forward(self, x):
        y = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        shortcut = x
        if self.stride != 1 or self.extra:
            shortcut = F.pad(x[:, :, ::self.stride, ::self.stride],
                             (0, 0, 0, 0, self.extra // 2, self.extra - self.extra // 2))
        return F.relu(y + shortcut)


def resnet(depth, width):
    n = (depth - 2) // 6
    widths = [scaled(b, width) for b in (16, 32, 64)]
    layers = [nn.Conv2d(1, widths[0], 3, 1, 1, bias=False), nn.BatchNorm2d(widths[0]), nn.ReLU(True)]
    channels = widths[0]
    for s, planes in enumerate(widths):
        for b in range(n):
            layers.append(Block(channels, planes, 2 if s > 0 and b == 0 else 1))
            channels = planes
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(channels, 10))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=6000)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    x = torch.randn(args.images, 1, 32, 32)
    y = torch.randint(0, 10, (args.images,))
    for name, model in [("resnet32 w0.5", resnet(32, 0.5)), ("vgg16 w0.25", vgg16(0.25))]:
        optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
        for run in range(2):
            start = time.time()
            for i in range(0, args.images, 128):
                optimizer.zero_grad()
                F.cross_entropy(model(x[i:i + 128]), y[i:i + 128]).backward()
                optimizer.step()
            print(f"{name} run {run + 1}: {time.time() - start:.2f} s per {args.images} images", flush=True)


if __name__ == "__main__":
    main()
