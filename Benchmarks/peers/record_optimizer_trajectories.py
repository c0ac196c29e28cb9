"""Records optimiser trajectories from PyTorch itself, for nnlab's OptimizerTrajectoryTests.

The problem is the tests' quadratic f(w) = 1/2 sum a_i (w_i - c_i)^2 from a fixed start; each
configuration runs 30 steps of torch.optim.SGD, Adam or AdamW in float64 and keeps the weights
after every step. Run with `python3 Benchmarks/peers/record_optimizer_trajectories.py` (PyTorch
from PyPI); it rewrites Tests/NeuralNetworkTests/Training/Fixtures/optimizer-trajectories.json.
"""
import json
import os

import torch

A = [0.5, 2, 1, 3, 0.1]
C = [1, -1, 0.5, 2, -3]
START = [0.3, 0.8, -1.2, 2.5, 0]
STEPS = 30
LR = 0.05

CONFIGS = [
    {"optimizer": "sgd", "momentum": 0.0, "nesterov": False, "weight_decay": 0.0},
    {"optimizer": "sgd", "momentum": 0.9, "nesterov": False, "weight_decay": 0.0},
    {"optimizer": "sgd", "momentum": 0.9, "nesterov": True, "weight_decay": 0.0},
    {"optimizer": "sgd", "momentum": 0.5, "nesterov": False, "weight_decay": 0.05},
    {"optimizer": "sgd", "momentum": 0.8, "nesterov": True, "weight_decay": 0.01},
    {"optimizer": "adam", "weight_decay": 0.0},
    {"optimizer": "adam", "weight_decay": 0.1},
    {"optimizer": "adamw", "weight_decay": 0.1},
]


def trajectory(config):
    w = torch.tensor(START, dtype=torch.float64, requires_grad=True)
    a = torch.tensor(A, dtype=torch.float64)
    c = torch.tensor(C, dtype=torch.float64)
    if config["optimizer"] == "sgd":
        opt = torch.optim.SGD([w], lr=LR, momentum=config["momentum"], nesterov=config["nesterov"],
                              weight_decay=config["weight_decay"])
    elif config["optimizer"] == "adam":
        opt = torch.optim.Adam([w], lr=LR, betas=(0.9, 0.999), eps=1e-8, weight_decay=config["weight_decay"])
    else:
        opt = torch.optim.AdamW([w], lr=LR, betas=(0.9, 0.999), eps=1e-8, weight_decay=config["weight_decay"])
    path = []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = 0.5 * (a * (w - c) ** 2).sum()
        loss.backward()
        opt.step()
        path.append(w.detach().tolist())
    return path


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "..", "Tests", "NeuralNetworkTests", "Training", "Fixtures",
                       "optimizer-trajectories.json")
    record = {
        "torch": torch.__version__, "lr": LR, "a": A, "c": C, "start": START, "steps": STEPS,
        "runs": [dict(config, path=trajectory(config)) for config in CONFIGS],
    }
    with open(os.path.normpath(out), "w") as f:
        json.dump(record, f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(out), "with torch", torch.__version__)


if __name__ == "__main__":
    main()
