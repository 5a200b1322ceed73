from .batch_fusion import BatchFusion, ConvEmbeddingBlock

__all__ = ['BatchFusion', 'ConvEmbeddingBlock']
