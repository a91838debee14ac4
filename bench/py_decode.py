#!/usr/bin/env python3
"""Times the Python reference decoders (fitdecode, gpxpy, python-tcxparser) over the same
files keel's bench uses, held in memory and repeated to about TARGET_MB megabytes.
Prints: bytes files seconds
"""
import io
import os
import sys
import time
import warnings

import fitdecode
import gpxpy

try:
    import tcxparser  # noqa: F401
    from lxml import objectify
    HAVE_TCX = True
except ImportError:  # pragma: no cover
    HAVE_TCX = False


def load(root):
    out = []
    for dp, dns, fns in os.walk(root):
        dns[:] = sorted(d for d in dns if d not in {"venv", ".venv", "__pycache__"})
        for fn in sorted(fns):
            ext = os.path.splitext(fn)[1].lower()
            if ext in (".fit", ".gpx", ".tcx"):
                with open(os.path.join(dp, fn), "rb") as f:
                    out.append((ext, f.read()))
    return out


def fit(b):
    with fitdecode.FitReader(io.BytesIO(b), check_crc=fitdecode.CrcCheck.DISABLED,
                             error_handling=fitdecode.ErrorHandling.IGNORE) as fr:
        n = 0
        for frame in fr:
            if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.name == "record":
                frame.get_value("timestamp", fallback=None)
                n += 1
    return n


def gpx(b):
    g = gpxpy.parse(b.decode("utf-8-sig", errors="replace"))
    g.length_2d()
    g.get_duration()
    return sum(len(s.points) for t in g.tracks for s in t.segments)


def tcx(b):
    t = tcxparser.TCXParser.__new__(tcxparser.TCXParser)
    t.root = objectify.parse(io.BytesIO(b.lstrip())).getroot()
    t.activity = t.root.Activities.Activity
    t.duration, t.distance
    return len(t.time_values())


def main():
    root, target_mb = sys.argv[1], float(sys.argv[2])
    files = load(root)
    if not HAVE_TCX:
        files = [f for f in files if f[0] != ".tcx"]
    one = sum(len(b) for _, b in files)
    reps = max(1, int(-(-target_mb * 1e6 // one)))
    fns = {".fit": fit, ".gpx": gpx, ".tcx": tcx}
    warnings.simplefilter("ignore")
    t0 = time.perf_counter()
    nbytes = nfiles = 0
    for _ in range(reps):
        for ext, b in files:
            try:
                fns[ext](b)
            except Exception:  # noqa: BLE001  (bad files are rejected, as keel does)
                pass
            nbytes += len(b)
            nfiles += 1
    print(nbytes, nfiles, time.perf_counter() - t0)


if __name__ == "__main__":
    main()
