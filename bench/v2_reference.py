"""Run AWS CLI v2 from its source, in one process, for many skeletons (used by
bench/v2_skeletons.py; never imported by botogen or its tests).

Run with v2's own interpreter and checkout on PYTHONPATH (/work/shared/awscli/FACTS.md):
    PYTHONPATH=AWSCLI_SRC V2_PYTHON bench/v2_reference.py < requests.json > answers.json
The request is a JSON list of argument lists (`aws` without its name); the answer a list of
{"rc": int, "stdout": str, "stderr": str}, in the same order.
The driver is made once and asked again for each command (as its interactive mode does), so
thousands of skeletons take minutes, not a process start each.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys


def main() -> None:
    os.environ.update(AWS_ACCESS_KEY_ID="AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY="dummy-secret",
                      AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null",
                      AWS_DEFAULT_REGION="us-east-1", AWS_PAGER="",
                      AWS_EC2_METADATA_DISABLED="true", HTTPS_PROXY="http://127.0.0.1:9",
                      HTTP_PROXY="http://127.0.0.1:9")
    requests = json.load(sys.stdin)
    real_out = sys.stdout
    from awscli.clidriver import create_clidriver  # v2's own package (PYTHONPATH)

    answers = []
    for args in requests:
        driver = create_clidriver()  # fresh state per command; the session's loaders cache
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                rc = driver.main(list(args))
            except SystemExit as exc:  # argparse
                rc = exc.code if isinstance(exc.code, int) else 255
        answers.append({"rc": rc, "stdout": out.getvalue(), "stderr": err.getvalue()})
    json.dump(answers, real_out)


if __name__ == "__main__":
    main()
