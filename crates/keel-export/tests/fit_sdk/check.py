"""Decodes FIT files with Garmin's FIT SDK for Python (package garmin-fit-sdk).

Reads one path a line on standard input and answers each with one JSON line: the SDK's
integrity check, its decoding errors, and the file_id, workout and workout_step messages,
with each step's exercise category and exercise name resolved to the profile's names.
"""

import datetime
import json
import sys

from garmin_fit_sdk import Decoder, Stream
from garmin_fit_sdk.profile import Profile


def plain(v):
    if isinstance(v, datetime.datetime):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    return v


def exercise_name(step):
    category = step.get("exercise_category")
    name = step.get("exercise_name")
    if not isinstance(category, str) or name is None:
        return None
    names = Profile["types"].get(category + "_exercise_name", {})
    return names.get(int(name))


def check(path):
    with open(path, "rb") as f:
        data = f.read()
    integrity = Decoder(Stream.from_byte_array(bytearray(data))).check_integrity()
    is_fit = Decoder(Stream.from_byte_array(bytearray(data))).is_fit()
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read(
        convert_datetimes_to_dates=True
    )
    steps = messages.get("workout_step_mesgs", [])
    for s in steps:
        s["exercise_name_resolved"] = exercise_name(s)
    return {
        "path": path,
        "is_fit": is_fit,
        "integrity": integrity,
        "errors": [str(e) for e in errors],
        "file_id": messages.get("file_id_mesgs", []),
        "file_creator": messages.get("file_creator_mesgs", []),
        "workout": messages.get("workout_mesgs", []),
        "steps": steps,
        "other": sorted(
            k
            for k in messages
            if k not in ("file_id_mesgs", "file_creator_mesgs", "workout_mesgs", "workout_step_mesgs")
        ),
    }


def main():
    for line in sys.stdin:
        path = line.rstrip("\n")
        if not path:
            continue
        try:
            out = check(path)
        except Exception as e:  # the answer must always come
            out = {"path": path, "exception": repr(e)}
        sys.stdout.write(json.dumps(plain(out)) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
