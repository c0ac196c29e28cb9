"""Peer for `nnlab-bench crossbar`: Monte Carlo log-normal weight variation in PyTorch.

Usage: python torch_variation.py [samples] [sigma] [epochs]
Trains the LeNet-5 of ../../../shared/peers/torch_fmnist.py for `epochs` epochs (SGD lr 0.05,
momentum 0.9, batch 64, 2 threads), then evaluates `samples` samples in which every conv and
linear weight w becomes w * exp(theta), theta ~ N(0, sigma^2) per weight (biases untouched),
on the 10,000 test images in batches of 1,000. Prints one line of key=value figures.
"""
import os, sys, time
import torch, torch.nn.functional as F

sys.path.insert(0, os.environ.get("NNLAB_PEERS", os.path.join(os.path.dirname(__file__), "../../../shared/peers")))
from torch_fmnist import LeNet5, load  # noqa: E402

samples = int(sys.argv[1]) if len(sys.argv) > 1 else 100
sigma = float(sys.argv[2]) if len(sys.argv) > 2 else 0.2
epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 1
torch.manual_seed(0); torch.set_num_threads(2)
xtr, ytr, xte, yte = load()
m = LeNet5()
opt = torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9)
for _ in range(epochs):
    perm = torch.randperm(len(xtr))
    for i in range(0, len(xtr), 64):
        b = perm[i:i + 64]; opt.zero_grad()
        F.cross_entropy(m(xtr[b]), ytr[b]).backward(); opt.step()
m.eval()
weights = [mod.weight for mod in m.modules() if isinstance(mod, (torch.nn.Conv2d, torch.nn.Linear))]
nominal = [w.detach().clone() for w in weights]

def accuracy():
    return sum((m(xte[i:i + 1000]).argmax(1) == yte[i:i + 1000]).sum().item() for i in range(0, 10000, 1000)) / 10000

with torch.no_grad():
    t0 = time.perf_counter(); plain = accuracy(); tplain = time.perf_counter() - t0
    accs = []; t1 = time.perf_counter()
    for _ in range(samples):
        for w, w0 in zip(weights, nominal):
            w.copy_(w0 * torch.exp(torch.randn_like(w0) * sigma))
        accs.append(accuracy())
    tmc = time.perf_counter() - t1
mean = sum(accs) / len(accs)
print(f"torch {torch.__version__} samples={samples} sigma={sigma} plain_acc={plain:.4f} plain_s={tplain:.3f} "
      f"mc_s={tmc:.2f} mean_acc={mean:.4f} min_acc={min(accs):.4f}")
