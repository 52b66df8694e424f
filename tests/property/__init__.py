"""Property tests (hypothesis): generated input, properties that must hold for all of it."""
