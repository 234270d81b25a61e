"""The enterprise page's 培育 tab (filled in below)."""
