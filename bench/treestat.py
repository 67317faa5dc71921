#!/usr/bin/env python3
"""Runs one command and reports what its whole process tree cost, for the bench scripts.

    treestat.py [--interval-ms N] -- COMMAND [ARG...]

Prints one line to stderr (the command's stdout passes through untouched):

    treestat wall_ms=<n> cpu_ms=<n> tree_peak_kib=<n> max_proc_kib=<n> exit=<n>

wall_ms        from spawning the command to reaping it (monotonic clock)
cpu_ms         user + system CPU time of the command and of every descendant it waited for
               (getrusage(RUSAGE_CHILDREN) before and after; this script forks nothing else)
tree_peak_kib  the largest sum of VmRSS over the live process tree, sampled every --interval-ms
               (default 2) by walking /proc/<pid>/task/<tid>/children from the command's pid
               (a child still running its parent's executable, i.e. between vfork and exec, shares
               the parent's memory and is not counted twice). Sampling can miss a short spike, so
               the figure is a lower bound.
max_proc_kib   the largest peak RSS of any single process in the tree (ru_maxrss, exact)

Why sampling: the precise figure is a cgroup v2 memory.peak, but this machine mounts the memory
controller as cgroup v1 only (cgroup2 here has no memory controller), and the bench does not
create cgroups under the session's own. Set TREESTAT_CGROUP=<a delegated cgroup v2 directory
with the memory controller> to get memory.peak instead (reported as tree_peak_kib, cgroup=1).
"""
import os
import resource
import sys
import time


def children_of(pid):
    kids = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/children") as f:
                    kids.extend(int(c) for c in f.read().split())
            except OSError:
                pass
    except OSError:
        pass
    return kids


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def exe(pid):
    try:
        return os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return None


def tree_rss_kib(root):
    total, todo = 0, [(root, None)]
    while todo:
        pid, parent_exe = todo.pop()
        own = exe(pid)
        # A child caught between vfork/posix_spawn and exec shares its parent's memory (and shows
        # the parent's exe): counting it would double the parent.
        if own is None or own != parent_exe:
            total += rss_kib(pid)
        todo.extend((c, own) for c in children_of(pid))
    return total


def main(argv):
    interval = 0.002
    if len(argv) >= 2 and argv[0] == "--interval-ms":
        interval = float(argv[1]) / 1000
        argv = argv[2:]
    if not argv or argv[0] != "--" or len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    cmd = argv[1:]
    cgroup = os.environ.get("TREESTAT_CGROUP")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        if cgroup:
            with open(os.path.join(cgroup, "cgroup.procs"), "w") as f:
                f.write(str(os.getpid()))
        try:
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    peak = 0
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        peak = max(peak, tree_rss_kib(pid))
        time.sleep(interval)
    wall_ms = (time.monotonic() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_ms = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    source = "cgroup=0"
    if cgroup:
        with open(os.path.join(cgroup, "memory.peak")) as f:
            peak = int(f.read()) // 1024
        source = "cgroup=1"
    code = os.waitstatus_to_exitcode(status)
    print(
        f"treestat wall_ms={wall_ms:.0f} cpu_ms={cpu_ms:.0f} tree_peak_kib={peak}"
        f" max_proc_kib={after.ru_maxrss} exit={code} {source}",
        file=sys.stderr,
    )
    return 0 if code == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
