"""An in-memory storage provider for pkgcloud: what a third-party plugin looks like."""
