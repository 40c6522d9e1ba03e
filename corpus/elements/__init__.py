"""Elements: lines → paragraphs, and the parts of an official document recognised in them."""
