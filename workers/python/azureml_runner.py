"""Python worker of durable-jobs parallel jobs (src/parallel/workers/workerPool.ts starts it).

Runs an Azure ML parallel job entry script the way Azure ML does: init() once in this process,
run(mini_batch) for every mini-batch, shutdown() (if defined) when the pool closes.

The protocol with the pool (src/parallel/workers/protocol.ts) is JSON lines on file descriptor 3,
so whatever the user's code prints to stdout/stderr goes to the job's logs and cannot corrupt it:

  pool -> worker  {"type": "start", "entryScript": path, "argv": [...]}
  worker -> pool  {"type": "started"}                  or {"type": "started", "error": text}
  pool -> worker  {"type": "run", "id": n, "items": [...]}
  worker -> pool  {"type": "ran", "id": n, "results": [...]}  or {"type": "ran", "id": n, "error": text}
  pool -> worker  {"type": "shutdown"}
  worker -> pool  {"type": "shut"}                     or {"type": "shut", "error": text}

The worker leaves after answering shutdown, or when the pool closes the channel.
"""

import importlib.util
import json
import math
import os
import socket
import sys
import traceback

PROTOCOL_FD = 3


def main():
    _die_with_parent()
    channel = socket.socket(fileno=PROTOCOL_FD)
    reader = channel.makefile("rb")
    writer = channel.makefile("wb")

    def send(line):
        writer.write(line + b"\n")
        writer.flush()

    entry = None
    for line in reader:
        message = json.loads(line)
        kind = message.get("type")
        if kind == "start":
            entry, error = _start(message["entryScript"], message.get("argv", []))
            send(_encode({"type": "started"} if error is None else {"type": "started", "error": error}))
        elif kind == "run":
            send(_run(entry, message["id"], message["items"]))
        elif kind == "shutdown":
            error = _shutdown(entry)
            send(_encode({"type": "shut"} if error is None else {"type": "shut", "error": error}))
            break
    sys.stdout.flush()
    sys.stderr.flush()


def _encode(message):
    return json.dumps(message, allow_nan=False, default=_plain).encode("utf-8")


def _start(entry_script, argv):
    """Loads the entry script as a module and calls its init(): (module, None) or (None, error text)."""
    sys.argv = [entry_script] + list(argv)
    script_dir = os.path.dirname(entry_script)
    for folder in (os.getcwd(), script_dir):
        if folder not in sys.path:
            sys.path.insert(0, folder)
    # Stand-ins for azureml_user.parallel_run (EntryScript().logger …), after everything else on the path.
    shim = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shim")
    if shim not in sys.path:
        sys.path.append(shim)
    try:
        module = _load(entry_script)
    except BaseException:  # noqa: B902 - a SystemExit while importing is a load failure too
        return None, "cannot load the entry script %s: %s" % (entry_script, _user_traceback())
    missing = [name for name in ("init", "run") if not callable(getattr(module, name, None))]
    if missing:
        return None, (
            "%s does not define %s: an entry script defines init() and run(mini_batch)"
            % (os.path.basename(entry_script), " or ".join(name + "()" for name in missing))
        )
    try:
        module.init()
    except Exception:
        return None, "init() failed: " + _user_traceback()
    return module, None


def _load(entry_script):
    name = os.path.splitext(os.path.basename(entry_script))[0]
    if name in sys.modules:  # do not shadow a module already imported (json.py, …)
        name = "azureml_entry_" + name
    spec = importlib.util.spec_from_file_location(name, entry_script)
    if spec is None or spec.loader is None:
        raise ImportError("cannot import %s as a Python module" % entry_script)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _run(entry, run_id, items):
    """The encoded answer to one run: its results, or the error (traceback) that took their place."""
    if entry is None:
        return _encode({"type": "ran", "id": run_id, "error": "run() was asked for before the entry script was loaded"})
    try:
        returned = entry.run(items)
    except Exception:
        return _encode({"type": "ran", "id": run_id, "error": _user_traceback()})
    try:
        results = _as_result_list(returned)
        return _encode({"type": "ran", "id": run_id, "results": results})
    except (TypeError, ValueError) as error:
        return _encode({"type": "ran", "id": run_id, "error": _why_not_json(returned, error)})


def _as_result_list(returned):
    """A list as is; a pandas DataFrame as a list of row lists (missing values as None); else an error."""
    if isinstance(returned, list):
        return returned
    if isinstance(returned, tuple):
        return list(returned)
    if _is_data_frame(returned):
        return [[None if _is_missing(value) else value for value in row] for row in returned.to_dict("split")["data"]]
    raise TypeError(
        "run() must return a list (or a pandas DataFrame) with one result per mini-batch item; got %s"
        % type(returned).__name__
    )


def _is_data_frame(value):
    pandas = sys.modules.get("pandas")  # if the user's code did not import pandas, this is no DataFrame
    return pandas is not None and isinstance(value, getattr(pandas, "DataFrame", ()))


def _is_missing(value):
    return value is None or (isinstance(value, float) and math.isnan(value))


def _why_not_json(returned, error):
    if not isinstance(returned, (list, tuple)):
        return str(error)
    for index, item in enumerate(returned):
        try:
            json.dumps(item, allow_nan=False, default=_plain)
        except TypeError as item_error:
            return "run() returned a result that is not JSON: results[%d] holds %s" % (index, item_error)
        except ValueError:
            return "run() returned a result that is not JSON: results[%d] holds NaN or Infinity, which JSON cannot carry" % index
    return "run() returned a result that is not JSON: %s" % error


def _plain(value):
    """numpy values (and anything else with .tolist()/.item()) as plain Python values; else a TypeError naming the type."""
    for method in ("tolist", "item"):
        convert = getattr(value, method, None)
        if callable(convert):
            return convert()
    raise TypeError("a %s, which JSON cannot carry" % type(value).__name__)


def _shutdown(entry):
    shutdown = getattr(entry, "shutdown", None)
    if not callable(shutdown):
        return None
    try:
        shutdown()
    except Exception:
        text = _user_traceback()
        print("shutdown() failed: " + text, file=sys.stderr, flush=True)
        return text
    return None


def _user_traceback():
    """The traceback of the exception being handled (with its causes), without this runner's and importlib's frames."""
    report = traceback.TracebackException(*sys.exc_info())
    report.stack = traceback.StackSummary.from_list([frame for frame in report.stack if not _is_ours(frame.filename)])
    return "".join(report.format())


def _is_ours(filename):
    return filename == __file__ or filename.startswith("<frozen importlib")


def _die_with_parent():
    """On Linux, have the kernel kill this worker if the process that started it dies."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:  # not Linux, or no libc: the closed protocol channel ends the worker instead
        pass


if __name__ == "__main__":
    main()
