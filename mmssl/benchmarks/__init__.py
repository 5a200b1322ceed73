"""Benchmarks as library code: the CLIs in ``tools/`` are thin wrappers.

* :mod:`.runs`: training / testing subprocesses, checkpoints, machine.
* :mod:`.report`: JSON, markdown tables, plots.
* :mod:`.cost`: interleaved step timing, FLOPs, memory of methods.
* :mod:`.budget`: pretraining for a wall-clock budget with marks.
* :mod:`.suite`: every method and baseline at one setting.
* :mod:`.transfer`: checkpoint check, fine-tuning, AP record.
* :mod:`.real_photos`: the transfer suite's unlabelled pretraining set.
* :mod:`.transfer_suite` / :mod:`.transfer_report`: every entry pretrained
  for one budget, dense probes and fine-tuning with seeds; table, plot.
* :mod:`.demo`: the main job (pretrain, transfer from the checkpoint and
  from random init) and its gain across seeds.
* :mod:`.method_benchmarks`: per-method studies (DetCon on coco128,
  EMP-SSL one epoch and throughput, instance-classifier scaling and
  raw-feature init).
"""
