import subprocess
import sys
import time

from mmssl.benchmarks.soak import tree_rss_mib


def test_tree_rss_counts_the_children():
    # a parent that starts a child holding ~100 MiB
    code = ('import subprocess, sys, time; '
            'p = subprocess.Popen([sys.executable, "-c", '
            '"b = bytearray(100 * 2**20); b[::4096] = b\'x\' * len(b[::4096]);'
            ' import time; time.sleep(30)"]); time.sleep(30)')
    proc = subprocess.Popen([sys.executable, '-c', code])
    try:
        deadline = time.time() + 20
        while time.time() < deadline and tree_rss_mib(proc.pid) < 100:
            time.sleep(0.2)
        with open(f'/proc/{proc.pid}/status') as f:
            own = [int(line.split()[1]) / 1024 for line in f
                   if line.startswith('VmRSS:')][0]
        total = tree_rss_mib(proc.pid)
        assert total > own + 90, (total, own)
    finally:
        subprocess.run(['pkill', '-P', str(proc.pid)])
        proc.kill()
