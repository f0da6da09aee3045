"""Start the bundled default lesson: `python run.py` (same options as `classroom run`)."""

# gevent must patch the standard library before anything else imports it.
from gevent import monkey

monkey.patch_all()

import sys  # noqa: E402

from classroom.cli import main  # noqa: E402

if __name__ == "__main__":
    main(["run", *sys.argv[1:]])
