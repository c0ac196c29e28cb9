"""Peer for `nnlab-bench correctnet`: the same trained LeNet-5 under the same variation, in PyTorch.

Usage: python torch_correctnet.py CHECKPOINT SIGMAS SAMPLES [SIGMA=DRAWS,...]
Reads the LeNet-5 weights nnlab exported (its checkpoint format: magic, version, flags, body
length; architecture JSON; named Float32 tensors; CRC-32), loads them into the LeNet-5 of
../../../shared/peers/torch_fmnist.py, and evaluates SAMPLES Monte Carlo samples per sigma
(comma-separated) in which every conv and linear weight w becomes w * exp(theta),
theta ~ N(0, sigma^2) per weight (biases untouched), on the 10,000 test images. The draws are
PyTorch's own, so only the means can agree (within the Monte Carlo error), not sample by sample.
With DRAWS files (written by `nnlab-bench correctnet`: the weights each of nnlab's samples read,
sample by sample, layer by layer in the order conv1, conv2, fc1, fc2, fc3, Float32 little-endian)
it also evaluates exactly those weights, so both sides see the same theta and the accuracies can
be compared sample by sample.
Prints one line of key=value figures: clean_acc, then mean_<sigma> and std_<sigma> per sigma, and
per shared sigma shared_mean_<sigma> and shared_<sigma>_<i> for every sample i.
"""
import os, struct, sys, zlib
import torch

sys.path.insert(0, os.environ.get("NNLAB_PEERS", os.path.join(os.path.dirname(__file__), "../../../shared/peers")))
from torch_fmnist import LeNet5, load  # noqa: E402


def read_checkpoint(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89NNLAB\r\n":
        raise SystemExit(f"{path}: not an nnlab checkpoint")
    version, _flags, length = struct.unpack_from("<IIQ", data, 8)
    if version != 1:
        raise SystemExit(f"{path}: checkpoint format {version}, this reader knows 1")
    body = data[24:24 + length]
    (crc,) = struct.unpack_from("<I", data, 24 + length)
    if zlib.crc32(data[:24 + length]) & 0xFFFFFFFF != crc:
        raise SystemExit(f"{path}: CRC mismatch")
    at = 0
    (n,) = struct.unpack_from("<I", body, at); at += 4 + n
    (count,) = struct.unpack_from("<I", body, at); at += 4
    tensors = {}
    for _ in range(count):
        (n,) = struct.unpack_from("<I", body, at); at += 4
        name = body[at:at + n].decode(); at += n
        (rank,) = struct.unpack_from("<I", body, at); at += 4
        shape = struct.unpack_from("<" + "Q" * rank, body, at); at += 8 * rank
        size = 1
        for s in shape: size *= s
        values = torch.frombuffer(bytearray(body[at:at + 4 * size]), dtype=torch.float32).reshape(shape)
        at += 4 * size
        tensors[name] = values.clone()
    return tensors


path, sigmas, samples = sys.argv[1], [float(s) for s in sys.argv[2].split(",")], int(sys.argv[3])
shared = dict(item.split("=", 1) for item in sys.argv[4].split(",")) if len(sys.argv) > 4 and sys.argv[4] else {}
torch.manual_seed(0); torch.set_num_threads(2)
_, _, xte, yte = load()
m = LeNet5().eval()
tensors = read_checkpoint(path)
names = {"c1": "conv1", "c2": "conv2", "f1": "fc1", "f2": "fc2", "f3": "fc3"}
with torch.no_grad():
    for ours, theirs in names.items():
        getattr(m, ours).weight.copy_(tensors[f"{theirs}.weight"])
        getattr(m, ours).bias.copy_(tensors[f"{theirs}.bias"])
weights = [mod.weight for mod in m.modules() if isinstance(mod, (torch.nn.Conv2d, torch.nn.Linear))]
nominal = [w.detach().clone() for w in weights]


def accuracy():
    return sum((m(xte[i:i + 1000]).argmax(1) == yte[i:i + 1000]).sum().item() for i in range(0, 10000, 1000)) / 10000


fields = []
with torch.no_grad():
    fields.append(f"clean_acc={accuracy():.4f}")
    for sigma in sigmas:
        accs = []
        for _ in range(samples):
            for w, w0 in zip(weights, nominal):
                w.copy_(w0 * torch.exp(torch.randn_like(w0) * sigma))
            accs.append(accuracy())
        for w, w0 in zip(weights, nominal):
            w.copy_(w0)
        mean = sum(accs) / len(accs)
        std = (sum((a - mean) ** 2 for a in accs) / max(len(accs) - 1, 1)) ** 0.5
        fields += [f"mean_{sigma}={mean:.4f}", f"std_{sigma}={std:.4f}"]
    for sigma, draws in shared.items():
        flat = torch.from_file(draws, dtype=torch.float32, size=os.path.getsize(draws) // 4)
        per_sample = sum(w0.numel() for w0 in nominal)
        if flat.numel() % per_sample != 0:
            raise SystemExit(f"{draws}: {flat.numel()} values is not a whole number of samples of {per_sample} weights")
        accs = []
        for i in range(flat.numel() // per_sample):
            at = i * per_sample
            for w, w0 in zip(weights, nominal):
                w.copy_(flat[at:at + w0.numel()].reshape(w0.shape))
                at += w0.numel()
            accs.append(accuracy())
            fields.append(f"shared_{float(sigma)}_{i}={accs[-1]:.4f}")
        for w, w0 in zip(weights, nominal):
            w.copy_(w0)
        fields.append(f"shared_mean_{float(sigma)}={sum(accs) / len(accs):.6f}")
print(f"torch {torch.__version__} samples={samples} " + " ".join(fields))
