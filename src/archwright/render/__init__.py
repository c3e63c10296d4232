"""Views of the ArchitectureDocument: Markdown, JSON and the machine-readable artifacts."""
