"""What the PyTorch eager references share: thread set-up, a random image set, the timed training
loop and its one-line JSON report (bench/dcgan_torch.py, stylegan2_torch.py, r3gan_torch.py)."""

import json
import os
import resource
import statistics
import time

import torch


def set_threads(threads):
    """Intra- and inter-op threads alike, as the trainer's `threads` sets both."""
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(threads)


def busy_seconds():
    """CPU seconds all processes have used so far (Linux /proc/stat): tells how busy the machine was."""
    with open("/proc/stat") as f:
        t = [int(v) for v in f.readline().split()[1:9]]
    return (sum(t) - t[3] - t[4]) / os.sysconf("SC_CLK_TCK")  # minus idle and iowait


def trainable(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


class RandomBatches:
    """Random images in [-1, 1] (content does not change the arithmetic), batches gathered from a
    shuffled epoch, as the trainer copies them from its decoded image set."""

    def __init__(self, count, size, batch):
        self.data = torch.rand(count, 3, size, size) * 2 - 1
        self.count, self.batch = count, batch
        self.order, self.cursor = torch.randperm(count), 0

    def next(self):
        if self.cursor + self.batch > self.count:
            self.order, self.cursor = torch.randperm(self.count), 0
        real = self.data.index_select(0, self.order[self.cursor : self.cursor + self.batch])
        self.cursor += self.batch
        return real


def ema_update(average, source, updates, decay):
    """The trainer's weight average (train/Ema.java): decay min(decay, (1 + t) / (10 + t))."""
    d = min(decay, (1.0 + updates) / (10.0 + updates))
    with torch.no_grad():
        for a, s in zip(average.parameters(), source.parameters()):
            a.lerp_(s, 1 - d)


def timed_run(step, batch, warmup_steps, seconds, params_g, params_d, **extra):
    """Runs `step(i)` for `warmup_steps`, then as many steps as fit in `seconds`; returns the JSON
    report (images/s over the window, median single step, CPU cores used, others' CPU, faults)."""
    for i in range(warmup_steps):
        step(i)
    step_secs = []
    faults0 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    busy0, cpu0, t0 = busy_seconds(), time.process_time(), time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        s = time.perf_counter()
        step(warmup_steps + len(step_secs))
        step_secs.append(time.perf_counter() - s)
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    others = (busy_seconds() - busy0 - cpu) / wall
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults0
    return {
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "params_g": params_g,
        "params_d": params_d,
        "steps": len(step_secs),
        "seconds": round(wall, 2),
        "images_per_sec": len(step_secs) * batch / wall,
        "median_step_images_per_sec": batch / statistics.median(step_secs),
        "cpu_per_wall": cpu / wall,
        "others_cores": max(others, 0.0),
        "page_faults_per_step": faults / len(step_secs),
        **extra,
    }


def print_report(report):
    print(json.dumps(report), flush=True)
