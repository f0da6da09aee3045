"""Content: models of lessons and quizzes, the YAML loader and validator. No Flask here."""
