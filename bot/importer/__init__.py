"""The import script: the only writer of ratings, and the only place pandas is loaded."""
