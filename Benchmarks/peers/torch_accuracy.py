"""Peer for `nnlab-bench accuracy`: LeNet-5 test accuracy after some epochs, over seeds, in PyTorch.

Usage: python torch_accuracy.py [epochs] [seed ...]
The network, data and recipe are those of ../../../shared/peers/torch_fmnist.py (SGD lr 0.05,
momentum 0.9, batch 64, 2 threads); only the seed changes. Prints one line per seed.
"""
import os, sys
import torch, torch.nn.functional as F

sys.path.insert(0, os.environ.get("NNLAB_PEERS", os.path.join(os.path.dirname(__file__), "../../../shared/peers")))
from torch_fmnist import LeNet5, load  # noqa: E402

epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
seeds = [int(s) for s in sys.argv[2:]] or [0]
torch.set_num_threads(2)
xtr, ytr, xte, yte = load()
for seed in seeds:
    torch.manual_seed(seed)
    m = LeNet5()
    opt = torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9)
    for _ in range(epochs):
        perm = torch.randperm(len(xtr)); m.train()
        for i in range(0, len(xtr), 64):
            b = perm[i:i + 64]; opt.zero_grad()
            F.cross_entropy(m(xtr[b]), ytr[b]).backward(); opt.step()
    m.eval()
    with torch.no_grad():
        acc = sum((m(xte[i:i + 1000]).argmax(1) == yte[i:i + 1000]).sum().item() for i in range(0, 10000, 1000)) / 10000
    print(f"seed={seed} epochs={epochs} test_acc={acc:.4f}", flush=True)
