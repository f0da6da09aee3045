"""Start the bundled default lesson: `python run.py` (same options as `classroom run`)."""

from classroom.cli import main

if __name__ == "__main__":
    main(["run", *__import__("sys").argv[1:]])
