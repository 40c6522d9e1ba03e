"""Facts read from records: validity statements and repeals, leading groups, links between records."""
