from .features import (build_backbone_from_checkpoint, extract_features,
                       image_folder_loader)
from .knn import knn_accuracy, knn_classify

__all__ = [
    'knn_classify', 'knn_accuracy', 'extract_features',
    'build_backbone_from_checkpoint', 'image_folder_loader'
]
