from .clipped_lars import ClippedLARS

__all__ = ['ClippedLARS']
