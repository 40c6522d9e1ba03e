"""The corpus folder: which files it holds, its manifest, adding files, one issue in several files."""
