"""`from azureml_user.parallel_run import EntryScript`, as Azure ML parallel entry scripts use it.

EntryScript().logger writes to the worker's log (stderr, shipped to logs/user/stdout/worker_NNN.txt),
at the job's logging_level; output_dir is the job's append_row output folder (or its first output),
working_dir the code folder. Only on the path when no real azureml_user package is installed.
"""
import logging
import os
import sys

_LEVEL = os.environ.get("AZUREML_PARALLEL_LOGGING_LEVEL", "INFO").upper()


class EntryScript:
    _logger = None

    @property
    def logger(self):
        if EntryScript._logger is None:
            logger = logging.getLogger("azureml_user.parallel_run")
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
            logger.addHandler(handler)
            logger.setLevel(getattr(logging, _LEVEL, logging.INFO))
            logger.propagate = False
            EntryScript._logger = logger
        return EntryScript._logger

    @property
    def output_dir(self):
        return os.environ.get("AZUREML_PARALLEL_OUTPUT_DIR", os.getcwd())

    @property
    def working_dir(self):
        return os.getcwd()

    @property
    def log_dir(self):
        return os.environ.get("AZUREML_PARALLEL_OUTPUT_DIR", os.getcwd())
